"""Province choropleth maps (bản đồ phân tầng màu theo tỉnh): the data a page hands to the map include.

A page builds one map with `choropleth(...)` and renders it with

    {% include "places/includes/choropleth.html" with map=province_map %}

The include draws, in the browser (Apache ECharts, vendored; `static/cndp/map.js`; no inline script, the
data goes through `json_script`), the 63-unit map (units until 30/6/2025) or the 34-unit map (from
1/7/2025) of `places/static/places/geo/`, coloured by {GSO province code → value}, with a legend
(continuous, or the `pieces` given), a tooltip in the page's number format (Vietnamese by default), a
click through to `links[code]`, a PNG export button, optional points (lon/lat, size, colour by category,
click through to their own url), the archipelago labels (Hoàng Sa, Trường Sa) and the attribution line
required by the boundaries' licence (CC BY 4.0, see `ATTRIBUTION.txt` beside the files).

`map_version_at(date)` says which map a period belongs on; a pre-merger series shown on today's map must be
rolled up by the caller first (sums add, rates recomputed: the indicators' rules), never recoloured here.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.templatetags.static import static
from django.utils.translation import gettext as _

from cndp.places.choices import ProvinceVersion
from cndp.places.models import REFORM_DATE

V63, V34 = ProvinceVersion.V63.value, ProvinceVersion.V34.value
GEO_FILES = {V63: "places/geo/vn-provinces-63.geojson", V34: "places/geo/vn-provinces-34.geojson"}
# Where official maps print the archipelagos' names (lon, lat): beside the island symbols.
ARCHIPELAGO_LABELS = ((111.9, 17.2, "hoang_sa"), (114.0, 11.9, "truong_sa"))
# Sequential palette (light → dark) for continuous values; categorical pieces bring their own colours.
PALETTE = ["#e8f1fa", "#b9d3ea", "#7fb0d8", "#3f84bd", "#16508a", "#0b2f57"]
POINT_SIZE = (5, 22)  # px: the smallest and the largest point symbol (area-proportional in between)


def attribution() -> str:
    """The credit line shown under every map (geoBoundaries, CC BY 4.0)."""
    return _(
        "Ranh giới hành chính: geoBoundaries (www.geoboundaries.org, VNM ADM1, CC BY 4.0; dữ liệu gốc "
        "Wikimedia Commons, public domain), đã gộp theo Nghị quyết 202/2025/QH15 và đơn giản hóa. "
        "Quần đảo Hoàng Sa và Trường Sa thể hiện bằng ký hiệu tại vị trí các đảo chính."
    )


def map_version_at(date: datetime.date) -> str:
    """The map a date belongs on: the 63 units before 1/7/2025, the 34 from then on."""
    return V63 if date < REFORM_DATE else V34


@dataclass(frozen=True)
class Point:
    """A point on the map (a cluster, a project): position, a size value, a category key and a link."""

    lon: float
    lat: float
    name: str
    size: float = 0
    category: str = ""
    url: str = ""
    detail: str = ""  # one line shown in the tooltip under the name


@dataclass(frozen=True)
class Category:
    """A colour for the points of one category, with the label of its legend entry."""

    key: str
    label: str
    color: str


def _number(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    number = float(value)
    return number if math.isfinite(number) else None


def _point_sizes(points: list[Point]) -> list[float]:
    """Symbol sizes in px, proportional in area to each point's size value."""
    largest = max((p.size for p in points if p.size and p.size > 0), default=0)
    low, high = POINT_SIZE
    if not largest:
        return [low] * len(points)
    return [round(low + (high - low) * math.sqrt(max(p.size or 0, 0) / largest), 1) for p in points]


def choropleth(
    *,
    dom_id: str,
    version: str,
    values: Mapping[str, object],
    title: str = "",
    unit: str = "",
    decimals: int = 0,
    links: Mapping[str, str] | None = None,
    notes: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    pieces: Iterable[tuple[float, str, str]] | None = None,
    points: Iterable[Point] = (),
    categories: Iterable[Category] = (),
    filename: str = "ban-do",
    height: int = 620,
) -> dict:
    """The map's data for `places/includes/choropleth.html`.

    - `dom_id`: unique on the page (the chart box, its data block and its export button derive from it);
    - `version`: "63" or "34" (see `map_version_at`);
    - `values`: {GSO code → number or None}; a unit with no value (or None) is drawn grey, "no data";
    - `links`: {code → url} opened on a click on the unit; `notes`: {code → text} added to its tooltip
      (e.g. "incomplete group"); `names`: {code → name} to show instead of the boundary file's name;
    - `pieces`: [(value, label, colour)] for a categorical legend instead of the continuous one;
    - `points` / `categories`: the optional points layer, coloured by `Point.category`, sized by area;
    - `filename`: the PNG's file name (without .png); `height`: the chart's height in px.
    """
    if version not in GEO_FILES:
        raise ValueError(f"unknown map version {version!r}")
    data = [
        {"name": code, "value": number}
        for code, value in sorted(values.items())
        if (number := _number(value)) is not None
    ]
    numbers = [item["value"] for item in data]
    point_list = list(points)
    sizes = _point_sizes(point_list)
    return {
        "id": dom_id,
        "data_id": f"{dom_id}-data",
        "version": version,
        "geo_url": static(GEO_FILES[version]),
        "title": str(title),
        "unit": str(unit),
        "decimals": int(decimals),
        "data": data,
        "min": min(numbers, default=0),
        "max": max(numbers, default=0),
        "palette": PALETTE,
        "pieces": [{"value": v, "label": str(label), "color": color} for v, label, color in pieces or ()],
        "links": dict(links or {}),
        "notes": {code: str(text) for code, text in (notes or {}).items()},
        "names": dict(names or {}),
        "points": [
            {
                "name": p.name,
                "value": [p.lon, p.lat, p.size],
                "size": size,
                "category": p.category,
                "url": p.url,
                "detail": p.detail,
            }
            for p, size in zip(point_list, sizes, strict=True)
        ],
        "categories": [{"key": c.key, "label": str(c.label), "color": c.color} for c in categories],
        "archipelagos": [
            {"value": [lon, lat], "label": _ARCHIPELAGO_TEXT[key]()} for lon, lat, key in ARCHIPELAGO_LABELS
        ],
        "filename": filename,
        "height": int(height),
        "attribution": attribution(),
        "text": {
            "no_data": _("Không có số liệu"),
            "attribution_short": _("Ranh giới: geoBoundaries.org (CC BY 4.0), đã đơn giản hóa."),
        },
    }


_ARCHIPELAGO_TEXT = {
    "hoang_sa": lambda: _("Quần đảo Hoàng Sa (TP. Đà Nẵng)"),
    "truong_sa": lambda: _("Quần đảo Trường Sa (T. Khánh Hòa)"),
}
