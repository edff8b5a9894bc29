"""The national picture page (tình hình cụm công nghiệp cả nước): the table by province / region / kind,
the map (province choropleth of occupancy, clusters as points sized by area and coloured by status),
Excel and the periodic PDF — within the user's scope."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.clusters import picture, rules
from cndp.clusters.choices import ClusterStatus
from cndp.clusters.models import Cluster
from cndp.core import numbers
from cndp.core.excel import build_workbook, workbook_response
from cndp.core.numbers import separators
from cndp.core.pdf import render_pdf
from cndp.core.permissions import require
from cndp.places.choices import RegionGrouping
from cndp.places.maps import Category, Point, choropleth

STATUS_COLOURS = {
    rules.PLANNED: "#9e9e9e",
    rules.ESTABLISHED: "#1f77b4",
    rules.UNDER_CONSTRUCTION: "#ff7f0e",
    rules.OPERATING: "#2ca02c",
    rules.EXPANDED: "#006d2c",
}


def _pct(value) -> str:
    return "—" if value is None else rules.percent(value, **separators())


def _ha(value) -> str:
    """Hectares in the active language's style (vi 1.234,5 — en 1,234.5)."""
    return rules.ha(value, **separators())


def table_rows(result, *, sheet: bool = False) -> list[list]:
    """The table's rows: on the page and the PDF as text with fixed decimals in the reader's language
    (areas 2, percentages 1: a column reads evenly); in the Excel sheet as numbers (ha to 0.01, percentages
    to 0.1), so that the sheet can be summed and sorted."""
    area = _sheet_ha if sheet else _column_ha
    share = _sheet_pct if sheet else _column_pct
    out = []
    for label, _code, f in [*result["rows"], (_("Cả nước"), "", result["total"])]:
        out.append(
            [
                label,
                f.clusters,
                f.established,
                f.operating,
                area(f.area),
                area(f.land),
                area(f.leased),
                share(f.occupancy),
                share(f.operating_share),
                f.wastewater,
                share(f.wastewater_coverage),
                f.flagged,
            ]
        )
    return out


def _column_ha(value) -> str:
    return numbers.number(value or 0, 2)


def _column_pct(value) -> str:
    return "—" if value is None else numbers.percent(Decimal(value) * 100, 1)


def _sheet_ha(value) -> float:
    return float(Decimal(value or 0).quantize(Decimal("0.01")))


def _sheet_pct(value) -> float | None:
    return None if value is None else float((Decimal(value) * 100).quantize(Decimal("0.1")))


def header(*, sheet: bool = False) -> list[str]:
    """The columns; in the Excel sheet the ratios are numbers, their unit in the title."""
    percent = " (%)" if sheet else ""
    return [
        _("Đơn vị"),
        _("Số cụm"),
        _("Đã thành lập"),
        _("Đang hoạt động"),
        _("Diện tích (ha)"),
        _("Đất công nghiệp của cụm đang hoạt động (ha)"),
        _("Đã cho thuê (ha)"),
        _("Tỷ lệ lấp đầy") + percent,
        _("Tỷ lệ cụm đang hoạt động") + percent,
        _("Cụm có trạm xử lý nước thải hoạt động"),
        _("Tỷ lệ có xử lý nước thải") + percent,
        _("Cụm chưa đáp ứng Nghị định 32"),
    ]


def cluster_map(queryset) -> dict:
    """Occupancy by province (34) and the clusters with a location as points (two queries)."""
    values = picture.occupancy_by_province(queryset)
    labels = dict(ClusterStatus.choices)
    points = [
        Point(
            lon=float(lon),
            lat=float(lat),
            name=f"{code} — {name}",
            size=float(area or 0),
            category=status,
            url=Cluster(pk=pk).get_absolute_url(),
            detail=_("%(a)s ha, lấp đầy %(o)s") % {"a": _ha(area or 0), "o": _pct(occ)},
        )
        for pk, code, name, lat, lon, established, planned, status, occ in picture.counted(queryset)
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("pk")
        .values_list(
            "pk",
            "code",
            "name",
            "latitude",
            "longitude",
            "established_area",
            "planned_area",
            "status",
            "occupancy",
        )
        for area in [established or planned]
    ]
    return choropleth(
        dom_id="cluster-map",
        version="34",
        values=values,
        title=_("Tỷ lệ lấp đầy cụm công nghiệp"),
        unit="%",
        decimals=1,
        points=points,
        categories=[Category(k, str(labels[k]), c) for k, c in STATUS_COLOURS.items()],
        filename="cum-cong-nghiep",
        height=560,
    )


@login_required
def picture_page(request):
    require(request.user, "view", Cluster)
    queryset = Cluster.objects.restrict(request.user)
    by = request.GET.get("by", "province")
    grouping = request.GET.get("grouping", RegionGrouping.SOCIO_ECONOMIC)
    result = picture.picture(queryset, by, grouping)
    today = timezone.localdate()
    title = _("Tình hình cụm công nghiệp theo %(by)s") % {"by": str(result["label"]).lower()}
    if request.GET.get("export") == "xlsx":
        subtitle = _("Số liệu đến ngày %(d)s") % {"d": today.strftime("%d/%m/%Y")}
        return workbook_response(
            build_workbook(title, header(sheet=True), table_rows(result, sheet=True), subtitle),
            "cum-cong-nghiep",
        )
    if request.GET.get("export") == "pdf":
        pdf = render_pdf(
            "clusters/picture_pdf.html",
            {"title": title, "header": header(), "rows": table_rows(result), "today": today},
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="tinh-hinh-cum-cong-nghiep.pdf"'
        return response
    return render(
        request,
        "clusters/picture.html",
        {
            "title": title,
            "result": result,
            "header": header(),
            "rows": table_rows(result),
            "by": result["by"],
            "by_choices": picture.BY.items(),
            "grouping": grouping,
            "groupings": RegionGrouping.choices,
            "map": cluster_map(queryset) if request.GET.get("map", "1") != "0" else None,
        },
    )
