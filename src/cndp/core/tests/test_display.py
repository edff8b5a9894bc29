"""Date-times are stored in UTC and shown in Vietnam's time (detail pages and Excel files alike)."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from cndp.core.excel import build_workbook
from cndp.core.generic import display_value

UTC = datetime.UTC


class _Row:
    """A stand-in with Django's _meta-less shape: display_value falls back to the attribute."""

    class _meta:  # noqa: N801 - mimics a model's options
        @staticmethod
        def get_field(name):
            from django.core.exceptions import FieldDoesNotExist

            raise FieldDoesNotExist(name)

    def __init__(self, at):
        self.at = at


@pytest.mark.parametrize(
    ("utc", "shown"),
    [
        (datetime.datetime(2026, 11, 18, 2, 0, tzinfo=UTC), "09:00 18/11/2026"),
        (datetime.datetime(2026, 12, 31, 17, 30, tzinfo=UTC), "00:30 01/01/2027"),
    ],
)
def test_detail_pages_show_local_time(utc, shown):
    label, value, url = display_value(_Row(utc), "at")
    assert (value, url) == (shown, None)


def test_excel_cells_hold_local_time():
    wb = build_workbook("Thử", ["Lúc"], [[datetime.datetime(2026, 11, 18, 2, 0, tzinfo=UTC)], [None]])
    buffer = io.BytesIO()
    wb.save(buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue())).active
    assert ws["A4"].value == datetime.datetime(2026, 11, 18, 9, 0)
    assert ws["A5"].value is None
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"
