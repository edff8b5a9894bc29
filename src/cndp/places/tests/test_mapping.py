"""The province reference data: 63 → 34 mapping, dated names, validity, regions rolled up."""

import datetime

import pytest

from cndp.places import selectors
from cndp.places.models import Province, Region

pytestmark = pytest.mark.django_db

MERGED = {  # Resolution 202/2025/QH15: new code → old codes
    "08": {"02", "08"},
    "15": {"10", "15"},
    "19": {"06", "19"},
    "24": {"24", "27"},
    "25": {"17", "25", "26"},
    "31": {"30", "31"},
    "33": {"33", "34"},
    "37": {"35", "36", "37"},
    "44": {"44", "45"},
    "48": {"48", "49"},
    "51": {"51", "62"},
    "52": {"52", "64"},
    "56": {"56", "58"},
    "66": {"54", "66"},
    "68": {"60", "67", "68"},
    "75": {"70", "75"},
    "79": {"74", "77", "79"},
    "80": {"72", "80"},
    "82": {"82", "87"},
    "86": {"83", "84", "86"},
    "91": {"89", "91"},
    "92": {"92", "93", "94"},
    "96": {"95", "96"},
}
UNCHANGED = {"01", "04", "11", "12", "14", "20", "22", "38", "40", "42", "46"}


def test_counts_and_kinds():
    assert Province.objects.filter(version="63").count() == 63
    assert Province.objects.filter(version="34").count() == 34
    assert Province.objects.filter(version="34", kind="city").count() == 6
    assert Province.objects.filter(version="63", kind="city").count() == 5


def test_every_old_unit_has_exactly_one_successor_in_the_34():
    for old in Province.objects.filter(version="63"):
        assert old.successor is not None, old
        assert old.successor.version == "34"


def test_every_new_unit_is_exactly_the_union_of_its_old_ones():
    seen = set()
    for new in Province.objects.filter(version="34"):
        olds = {p.code for p in selectors.province_predecessors(new)}
        expected = MERGED.get(new.code, {new.code} if new.code in UNCHANGED else None)
        assert olds == expected, new
        assert not (olds & seen)
        seen |= olds
    assert len(seen) == 63


def test_valid_at_switches_on_1_july_2025():
    assert selectors.province_list_valid_at(datetime.date(2025, 6, 30)).count() == 63
    assert selectors.province_list_valid_at(datetime.date(2025, 7, 1)).count() == 34
    assert selectors.province_at("62", datetime.date(2020, 1, 1)).name == "Tỉnh Kon Tum"
    assert selectors.province_at("62", datetime.date(2026, 1, 1)) is None
    assert selectors.province_at("51", datetime.date(2026, 1, 1)).version == "34"


def test_successor_and_predecessors():
    kon_tum = Province.objects.get(version="63", code="62")
    quang_ngai = selectors.province_successor(kon_tum)
    assert (quang_ngai.code, quang_ngai.version) == ("51", "34")
    assert [p.code for p in selectors.province_predecessors(quang_ngai)] == ["51", "62"]
    assert selectors.province_successor(quang_ngai) == quang_ngai


@pytest.mark.parametrize(
    ("date", "name"),
    [
        (datetime.date(2020, 1, 1), "Tỉnh Thừa Thiên Huế"),
        (datetime.date(2024, 12, 31), "Tỉnh Thừa Thiên Huế"),
        (datetime.date(2025, 1, 1), "Thành phố Huế"),
        (datetime.date(2025, 6, 30), "Thành phố Huế"),
    ],
)
def test_hue_dated_rename(date, name):
    hue = Province.objects.get(version="63", code="46")
    assert selectors.province_name_at(hue, date) == name


def test_regions_roll_up_to_the_34_and_show_partial_membership():
    tay_nguyen = Region.objects.get(grouping="steering_committee", name="Tây Nguyên")
    members = {
        new.code: sorted(p.code for p in olds) for new, olds in selectors.region_members(tay_nguyen).items()
    }
    assert members["51"] == ["62"]  # Quảng Ngãi is in Tây Nguyên only through Kon Tum
    quang_ngai = Province.objects.get(version="34", code="51")
    membership = {m["region"].name: m for m in selectors.region_membership_of(quang_ngai)}
    assert membership["Tây Nguyên"]["whole"] is False
    assert [p.code for p in membership["Tây Nguyên"]["via"]] == ["62"]


def test_groupings_cover_every_old_province_once():
    for grouping in ("socio_economic", "macro"):
        codes = [p.code for r in Region.objects.filter(grouping=grouping) for p in r.provinces.all()]
        assert len(codes) == len(set(codes)) == 63, grouping
    assert Region.objects.filter(grouping="socio_economic").count() == 6
    assert Region.objects.filter(grouping="macro").count() == 3


def test_reference_load_is_idempotent():
    from cndp.places.models import ProvinceName
    from cndp.places.reference import load_reference_data

    before = (Province.objects.count(), Region.objects.count(), ProvinceName.objects.count())
    load_reference_data(Province, ProvinceName, Region)
    assert (Province.objects.count(), Region.objects.count(), ProvinceName.objects.count()) == before
