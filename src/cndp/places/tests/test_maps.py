"""The province choropleth's data (places.maps) and the map page of the 2025 merger."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from cndp.places import maps
from cndp.places.models import Province

GEO = Path(maps.__file__).parent / "static" / "places" / "geo"


@pytest.mark.parametrize(
    ("date", "version"),
    [
        (datetime.date(2015, 1, 1), "63"),
        (datetime.date(2025, 6, 30), "63"),
        (datetime.date(2025, 7, 1), "34"),
        (datetime.date(2026, 12, 31), "34"),
    ],
)
def test_a_date_belongs_on_the_map_of_its_units(date, version):
    assert maps.map_version_at(date) == version


@pytest.mark.parametrize(("version", "count"), [("63", 63), ("34", 34)])
def test_the_boundary_files_are_static_files_with_one_feature_per_unit(version, count):
    path = finders.find(maps.GEO_FILES[version])
    assert path and Path(path).parent == GEO
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    codes = [f["properties"]["code"] for f in features]
    assert len(codes) == len(set(codes)) == count
    assert {"48", "56"} <= set(codes)  # Đà Nẵng (Hoàng Sa) and Khánh Hòa (Trường Sa)
    assert (GEO / "ATTRIBUTION.txt").read_text(encoding="utf-8").count("CC BY 4.0") >= 1


@pytest.mark.django_db
def test_the_boundary_codes_are_the_units_of_the_reference_data():
    for version in ("63", "34"):
        path = Path(finders.find(maps.GEO_FILES[version]))
        codes = {f["properties"]["code"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
        assert codes == set(Province.objects.filter(version=version).values_list("code", flat=True))


def test_values_become_numbers_and_units_without_a_value_are_left_out():
    data = maps.choropleth(
        dom_id="m",
        version="34",
        values={"01": Decimal("12.5"), "79": 3, "48": None, "56": Decimal("NaN"), "31": float("inf")},
        links={"01": "/p/1/"},
        notes={"79": "chưa đủ"},
        unit="%",
        decimals=1,
    )
    assert data["data"] == [{"name": "01", "value": 12.5}, {"name": "79", "value": 3.0}]
    assert (data["min"], data["max"]) == (3.0, 12.5)
    assert data["geo_url"].endswith("places/geo/vn-provinces-34.geojson")
    assert (
        data["data_id"] == "m-data"
        and data["links"] == {"01": "/p/1/"}
        and data["notes"] == {"79": "chưa đủ"}
    )
    assert "geoBoundaries" in data["attribution"] and "CC BY 4.0" in data["attribution"]
    assert [a["label"] for a in data["archipelagos"]] == [
        "Quần đảo Hoàng Sa (TP. Đà Nẵng)",
        "Quần đảo Trường Sa (T. Khánh Hòa)",
    ]
    json.dumps(data)  # goes through json_script as it is


def test_an_unknown_version_is_refused():
    with pytest.raises(ValueError):
        maps.choropleth(dom_id="m", version="64", values={})


def test_points_are_sized_by_area_and_keep_their_category_and_link():
    points = [
        maps.Point(lon=105.8, lat=21.0, name="A", size=100, category="op", url="/a/"),
        maps.Point(lon=106.7, lat=10.8, name="B", size=25, category="plan"),
        maps.Point(lon=108.2, lat=16.0, name="C", size=0),
    ]
    data = maps.choropleth(
        dom_id="m",
        version="63",
        values={},
        points=points,
        categories=[maps.Category("op", "Đang hoạt động", "#1b7837")],
    )
    low, high = maps.POINT_SIZE
    sizes = [p["size"] for p in data["points"]]
    assert sizes[0] == high and sizes[2] == low
    assert sizes[1] == pytest.approx(
        low + (high - low) * 0.5, abs=0.1
    )  # a quarter of the area: half the size
    assert data["points"][0] == {
        "name": "A",
        "value": [105.8, 21.0, 100],
        "size": high,
        "category": "op",
        "url": "/a/",
        "detail": "",
    }
    assert data["categories"] == [{"key": "op", "label": "Đang hoạt động", "color": "#1b7837"}]
    assert data["min"] == data["max"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("version", "units", "sizes"), [("34", 34, {1: 11, 2: 17, 3: 6}), ("63", 63, {1: 11, 2: 34, 3: 18})]
)
def test_the_merger_map_colours_each_unit_by_the_size_of_its_2025_group(
    client_for, django_assert_max_num_queries, version, units, sizes
):
    client = client_for("province_officer")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("places:province_map"), {"version": version})
    assert response.status_code == 200
    data = response.context["province_map"]
    assert data["version"] == version and len(data["data"]) == units
    counted: dict[int, int] = {}
    for item in data["data"]:
        counted[int(item["value"])] = counted.get(int(item["value"]), 0) + 1
    assert counted == sizes
    hanoi = Province.objects.get(version=version, code="01")
    assert data["links"]["01"] == hanoi.get_absolute_url()
    html = response.content.decode()
    assert 'id="province-map-data"' in html and "cndp/map.js" in html and "echarts-5.6.0.min.js" in html
    assert "geoBoundaries" in html and 'id="province-map-png"' in html


@pytest.mark.django_db
def test_the_merger_map_needs_the_right_to_view_provinces(client):
    assert client.get(reverse("places:province_map")).status_code == 302  # to the login page
