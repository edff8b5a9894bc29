"""A province officer's lists hide the column naming the province (always theirs); the agency's show it;
the Excel export keeps it for everybody (a file travels and must say whose rows it holds)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

# (list URL name, column name): the lists of province-scoped records whose table names the province.
LISTS = [
    ("accounts:unit_list", "province"),
    ("obligations:obligation_list", "province"),
    ("followup:task_list", "province"),
    ("followup:notice_list", "province"),
    ("indicators:submission_list", "province"),
    ("indicators:datavalue_list", "province"),
    ("extension:progressreport_list", "province"),
    ("clusters:cluster_list", "province_current"),
    ("clusters:clusterreport_list", "province"),
]


def _shown(response) -> list[str]:
    return [column.name for column in response.context["table"].columns]


@pytest.mark.parametrize(("url_name", "column"), LISTS)
def test_the_province_column_is_hidden_from_a_province_officer_only(client_for, url_name, column):
    url = reverse(url_name)
    officer = client_for("province_officer").get(url)
    assert officer.status_code == 200
    assert column not in _shown(officer)
    agency = client_for("agency_officer").get(url)
    assert column in _shown(agency)


@pytest.mark.parametrize(("url_name", "column"), LISTS[:3])
def test_the_province_column_stays_in_the_officers_excel_export(client_for, demo, url_name, column):
    response = client_for("province_officer").get(reverse(url_name), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    texts = [str(cell.value) for row in sheet.iter_rows(max_row=6) for cell in row if cell.value]
    assert "Tỉnh, thành phố" in texts


def test_a_tables_columns_are_its_own(demo):
    """Each table works on its own copy of the declared columns (copied cheaply, `core.tables`): hiding the
    province for a province officer, or changing a cell's attributes, leaves the class and the next
    table — the agency officer's — as declared."""
    from django.test import RequestFactory

    from cndp.extension.models import ProgressReport
    from cndp.extension.progress.tables import ProgressReportTable

    def table_for(user):
        request = RequestFactory().get("/")
        request.user = user
        table = ProgressReportTable(ProgressReport.objects.all(), request=request)
        table.before_render(request)
        return table

    declared = ProgressReportTable.base_columns["province"]
    province = table_for(demo["province_officer"])
    assert "province" not in [c.name for c in province.columns]
    province.columns["percent_complete"].column.attrs["td"]["class"] = "changed"
    province.columns["late"].column.attrs["td"] = {"class": "changed too"}
    agency = table_for(demo["agency_officer"])
    assert "province" in [c.name for c in agency.columns]
    assert declared.visible is True and ProgressReportTable.base_columns["province"] is declared
    assert agency.columns["percent_complete"].column.attrs["td"] == {"class": "text-end"}
    assert ProgressReportTable.base_columns["percent_complete"].attrs["td"] == {"class": "text-end"}
    assert "td" not in ProgressReportTable.base_columns["late"].attrs
    assert province.columns["province"].column is not agency.columns["province"].column
