"""Congress day (issue 13): official dates and headers, sentences, delegate cards with the congress's name,
summons for a congress recorded as in session, and counts shown as figures."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cndp.congress import rules, services
from cndp.congress.choices import CongressStatus
from cndp.congress.models import Congress, Delegate
from cndp.core.services import ServiceError
from cndp.core.tests.pdf import pdf_text

# ---- plain rules -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (datetime.date(2026, 6, 5), "ngày 05 tháng 6 năm 2026"),
        (datetime.date(2015, 6, 10), "ngày 10 tháng 6 năm 2015"),
        (datetime.date(2026, 1, 15), "ngày 15 tháng 01 năm 2026"),
        (datetime.date(2026, 2, 1), "ngày 01 tháng 02 năm 2026"),
        (datetime.date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (datetime.date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    ],
)
def test_official_date(day, text):
    assert rules.official_date(day) == text
    assert rules.official_date(day, "Hà Nội") == "Hà Nội, " + text


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])  # no timing: a loaded machine
@given(st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2100, 12, 31)))
def test_official_date_never_pads_a_month_from_march(day):
    text = rules.official_date(day)
    month = re.search(r"tháng (\d+)", text).group(1)
    assert int(month) == day.month and month.startswith("0") == (day.month < 3)
    assert re.search(r"ngày (\d\d) ", text).group(1) == f"{day.day:02d}"


@pytest.mark.parametrize(
    ("label", "phrase"),
    [("Bầu Ban Chấp hành", "bầu Ban Chấp hành"), ("Bầu Ủy ban Kiểm tra", "bầu Ủy ban Kiểm tra"), ("", "")],
)
def test_sentence_case_keeps_proper_names(label, phrase):
    assert rules.sentence_case(label) == phrase


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["Đảng", "bộ", "Cục", "Công", "nghiệp", "địa", "phương", "Việt", "Nam", "Hà", "Nội"]),
        max_size=12,
    )
)
def test_header_name_changes_only_spaces(words):
    name = " ".join(words)
    header = rules.header_name(name)
    assert header.replace(rules.NBSP, " ") == name.upper()
    for compound in rules.HEADER_COMPOUNDS:  # a compound never has a breakable space inside
        assert compound not in header


# ---- with the demo -----------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_cards_carry_the_congress_name_eight_a_page(client_for):
    congress = Congress.objects.get(ordinal=3)
    response = client_for("party_officer").get(reverse("congress:cards", args=[congress.pk]))
    content = response.content
    text = pdf_text(content)
    count = Delegate.objects.filter(congress=congress).count()
    assert text.count("ĐẠI HỘI LẦN THỨ III, NHIỆM KỲ 2015–2020") == count
    assert text.count("THẺ ĐẠI BIỂU") == count
    pages = text.count("\f") + (0 if text.endswith("\f") else 1)
    assert pages == -(-count // 8)  # eight cards a page


def test_summons_for_a_congress_recorded_as_in_session(demo, client_for):
    congress = Congress.objects.create(
        organisation=Congress.objects.get(ordinal=3).organisation,
        ordinal=9,
        term_start=2030,
        term_end=2035,
        opens_on=datetime.date(2026, 6, 10),
        status=CongressStatus.IN_SESSION,
    )
    page = client_for("party_officer").get(congress.get_absolute_url()).content.decode()
    assert 'id="build-summons"' in page  # no list yet: the button is offered
    result = services.summons_build(congress=congress, user=demo["party_officer"])
    assert result["total"] > 0
    with pytest.raises(ServiceError, match="đang họp mà chưa có danh sách"):
        services.summons_build(congress=congress, user=demo["party_officer"])
    page = client_for("party_officer").get(congress.get_absolute_url()).content.decode()
    assert 'id="build-summons"' not in page and 'data-testid="summons-hint"' in page


def test_election_can_be_added_from_the_congress_with_it_preselected(client_for):
    congress = Congress.objects.get(ordinal=5)
    client = client_for("party_officer")
    page = client.get(congress.get_absolute_url()).content.decode()
    add = reverse("elections:election_add") + f"?congress={congress.pk}"
    assert add in page
    form = client.get(add).content.decode()
    assert re.search(rf'<option value="{congress.pk}" selected>', form)


@pytest.mark.parametrize("url", ["home", "party:member_counts"])
def test_cell_counts_are_figures_not_codes(client_for, url):
    page = client_for("party_officer").get(reverse(url)).content.decode()
    assert re.search(r'<div class="h3 mb-0">\d+</div>', page)
    assert not re.search(r'<div class="h3 mb-0">0\d</div>', page)  # never "08" as a figure


def test_synthesis_dated_in_party_style(client_for):
    from cndp.congress.models import DraftDocument

    document = DraftDocument.objects.filter(closed_at__isnull=False).order_by("pk").first()
    response = client_for("party_officer").get(reverse("congress:document_synthesis_pdf", args=[document.pk]))
    text = " ".join(pdf_text(response.content).split())
    assert "Hà Nội, " + rules.official_date(document.closed_at.astimezone().date()) in text or re.search(
        r"Hà Nội, ngày \d\d tháng ([3-9]|1[0-2]|0[12]) năm \d{4}", text
    )
    assert not re.search(r"tháng 0[3-9]", text)


def test_quorum_rule_on_the_panel_is_a_translatable_sentence_without_working_note(client_for):
    congress = Congress.objects.get(ordinal=5)
    page = client_for("party_officer").get(reverse("congress:attendance_panel", args=[congress.pk]))
    text = page.content.decode()
    rule = re.search(r'data-testid="quorum-rule">([^<]*)<', text).group(1)
    assert rule.startswith("Có mặt ít nhất 2/3 số đảng viên chính thức") and congress.rules.regulation in rule
    assert "XÁC NHẬN" not in rule
