"""Báo cáo phục vụ Ban Chỉ đạo vùng: for a region (any grouping of `places`) and a year, one page and its
PDF with the region's units and their main yearly indicators, each unit's rank in the country, the region's
own roll-up, and the extension projects of the region in that plan year — what the agency prepares as the
committee's focal point."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cndp.core.forms import Form
from cndp.core.pdf import render_pdf
from cndp.core.permissions import require, user_province_id
from cndp.indicators import analysis
from cndp.indicators.models import DataValue, Indicator
from cndp.places.choices import RegionGrouping
from cndp.places.models import Region

MAIN_INDICATORS = ("GTCNNT", "CSCNNT", "LDCNNT", "NSLDCNNT", "LANGNGHE")


class BriefForm(Form):
    region = forms.ModelChoiceField(
        label=gettext_lazy("Vùng"), queryset=Region.objects.order_by("grouping", "name")
    )
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)


# The groupings a province officer's brief opens on, first that holds their province: the steering
# committees' regions (the brief's purpose), then the socio-economic regions, which cover every province.
OWN_REGION_GROUPINGS = (
    RegionGrouping.STEERING_COMMITTEE,
    RegionGrouping.SOCIO_ECONOMIC,
    RegionGrouping.KEY_ECONOMIC_ZONE,
    RegionGrouping.MACRO,
)


def default_region(user=None):
    """The region the brief opens on: a province officer's own (the first of `OWN_REGION_GROUPINGS`
    holding their province or a province of the 63 it took over — Hà Nội → Đồng bằng sông Hồng, since no
    steering committee's region holds it), otherwise the first steering committee's region."""
    province_id = user_province_id(user)
    if province_id is not None:
        own = Region.objects.filter(
            Q(provinces__pk=province_id) | Q(provinces__successor_id=province_id),
            grouping__in=OWN_REGION_GROUPINGS,
        ).distinct()
        by_grouping = {}
        for region in own.order_by("name"):
            by_grouping.setdefault(region.grouping, region)
        for grouping in OWN_REGION_GROUPINGS:
            if grouping in by_grouping:
                return by_grouping[grouping]
    return (
        Region.objects.filter(grouping=RegionGrouping.STEERING_COMMITTEE).order_by("name").first()
        or Region.objects.order_by("grouping", "name").first()
    )


@login_required
def brief_page(request):
    require(request.user, "view", DataValue)
    today = timezone.localdate()
    data = request.GET.dict()
    if "region" not in data:
        region = default_region(request.user)
        data["region"] = str(region.pk) if region else ""
    data.setdefault("year", str(today.year - 1))
    form = BriefForm(data)
    if not form.is_valid():
        return render(request, "indicators/brief.html", {"form": form})
    region, year = form.cleaned_data["region"], form.cleaned_data["year"]
    order = {code: i for i, code in enumerate(MAIN_INDICATORS)}
    indicators = sorted(
        Indicator.objects.filter(code__in=MAIN_INDICATORS).select_related(
            "weight", "numerator", "denominator"
        ),
        key=lambda i: order[i.code],
    )
    ctx = {
        "form": form,
        "region": region,
        "year": year,
        "brief": analysis.brief(region, year, indicators),
        "today": today,
        "title": _("Tình hình công nghiệp địa phương vùng %(region)s năm %(year)s")
        % {"region": region.name, "year": year},
    }
    if request.GET.get("format") == "pdf":
        response = HttpResponse(render_pdf("indicators/brief_pdf.html", ctx), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="bao-cao-ban-chi-dao-vung-{region.pk}-{year}.pdf"'
        )
        return response
    query = request.GET.copy()
    query.update({"region": region.pk, "year": year})
    ctx["query"] = query.urlencode()
    return render(request, "indicators/brief.html", ctx)
