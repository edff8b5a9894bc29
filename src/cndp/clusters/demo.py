"""Demo industrial clusters (cụm công nghiệp): about 1,100 clusters across the 63 old provinces, calibrated
to MOIT's 2021 figures (905 established on about 30,700 ha, about 700 operating at about 65 % occupancy,
123 with an operating wastewater plant), their decisions, about three production projects per operating
cluster, and the Circular 14/2024 reports of 2024–2026 (Biểu 02 per cluster, Biểu 01 per project for the
last half year, Biểu 04 per province): most accepted, some late, some returned, some still missing; a few
clusters breaking a Decree 32 condition (size, support share, area condition, operating without a
decision, overstated leased land). Written with bulk_create (search_folded and flags computed as the
services would); idempotent: generated only when no cluster exists yet."""

from __future__ import annotations

import datetime
import json
import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cndp.accounts.models import User
from cndp.clusters import layouts, rules, selectors
from cndp.clusters.kinds import FORM_KIND
from cndp.clusters.models import Cluster, ClusterDecision, ClusterReport, SecondaryProject
from cndp.clusters.services.clusters import flag_rows
from cndp.obligations.models import CalendarRule, Obligation, ObligationStep
from cndp.places.models import REFORM_DATE, Province

D = datetime.date
SEED = 2021
GEO = Path(__file__).resolve().parents[1] / "places" / "static" / "places" / "geo" / "vn-provinces-63.geojson"
PLACE_A = [
    "Yên",
    "Phú",
    "Tân",
    "Bình",
    "Hòa",
    "An",
    "Thạch",
    "Quảng",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Vĩnh",
    "Hưng",
]
PLACE_B = [
    "Lạc",
    "Thành",
    "Sơn",
    "Hưng",
    "Phong",
    "Điền",
    "Lộc",
    "Xuân",
    "Mỹ",
    "Thuận",
    "Khánh",
    "Hải",
    "Trung",
]
TRADES = [
    "Chế biến nông sản",
    "Cơ khí",
    "Dệt may",
    "Da giày",
    "Điện tử",
    "Vật liệu xây dựng",
    "Đồ gỗ",
    "Thủ công mỹ nghệ",
    "Công nghiệp hỗ trợ",
    "Chế biến thực phẩm",
]
# Periods of the demo: (year, period); the last is still open on the demo date.
PERIODS = [(2024, "year"), (2025, "half"), (2025, "year"), (2026, "half"), (2026, "year")]
COMMUNE_PERIODS = PERIODS[-2:]  # Biểu 03: the communes' reports of 2026 (a thousand a period)
TODAY = D(2026, 12, 6)


def _points(node):
    if node and isinstance(node[0], (int, float)):
        yield node
    else:
        for child in node:
            yield from _points(child)


def _centres() -> dict[str, tuple[float, float]]:
    """Bounding-box centre (lon, lat) of each old province, from the shipped boundaries."""
    out = {}
    for feature in json.loads(GEO.read_text(encoding="utf-8"))["features"]:
        coords = list(_points(feature["geometry"]["coordinates"]))
        lons, lats = [c[0] for c in coords], [c[1] for c in coords]
        out[feature["properties"]["code"]] = ((min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2)
    return out


def _place(rng) -> str:
    return f"{rng.choice(PLACE_A)} {rng.choice(PLACE_B)}"


def _status_plan(rng) -> list[str]:
    """1,115 statuses: 905 established (85 not started, 120 building, 660 operating, 40 expanded), 25
    operating without a decision, 170 in the plan list, 10 removed, 5 revoked."""
    plan = (
        ["established"] * 85
        + ["under_construction"] * 120
        + ["operating"] * 660
        + ["expanded"] * 40
        + ["operating_nodecision"] * 25
        + ["planned"] * 170
        + ["removed"] * 10
        + ["revoked"] * 5
    )
    rng.shuffle(plan)
    return plan


def _q(value) -> Decimal:
    return Decimal(str(round(value, 2)))


def _generate(stdout) -> dict[str, int]:
    rng = random.Random(SEED)
    agency = User.objects.get(username="chuyenvien")
    old = list(Province.objects.filter(version="63").select_related("successor").order_by("code"))
    centres = _centres()
    weights = [
        rng.uniform(4, 30) * (2.2 if p.code in ("01", "26", "27", "30", "33", "36") else 1) for p in old
    ]
    conditions = selectors.conditions()
    statuses = _status_plan(rng)
    clusters, decisions = [], []
    for n, status in enumerate(statuses):
        province = old[0] if n < 12 else rng.choices(old, weights)[0]  # Hà Nội first (API tests take one)
        current = province.successor
        district = "Huyện " + _place(rng)
        commune = "Xã " + _place(rng)
        craft = rng.random() < 0.12
        name = ("Cụm công nghiệp làng nghề " if craft else "Cụm công nghiệp ") + _place(rng)
        area = _q(rng.triangular(10 if not craft else 6, 66, 26))
        lon, lat = centres.get(province.code, (105.8, 21.0))
        c = Cluster(
            code=f"{province.code}-CCN-{n + 1:04d}",
            name=name,
            province=province,
            province_current=current,
            old_district=district,
            commune=commune,
            kind="craft_village" if craft else "ordinary",
            mountain=rng.random() < 0.2,
            specialised=rng.random() < 0.1,
            planned_area=area,
            latitude=_q(lat + rng.uniform(-0.2, 0.2)),
            longitude=_q(lon + rng.uniform(-0.2, 0.2)),
        )
        established_on = None
        if status not in ("planned", "removed", "operating_nodecision"):
            established_on = D(rng.randint(2008, 2025), rng.randint(1, 12), rng.randint(1, 28))
        if status == "revoked":
            established_on = D(rng.randint(2010, 2018), 5, 10)
        c.status = "operating" if status == "operating_nodecision" else status
        c.established_on = established_on
        c.established_area = area if established_on else None
        if status == "expanded":
            c.established_area = min(area + _q(rng.uniform(5, 20)), Decimal(75))
        c.industrial_land = _q(float(c.area) * rng.uniform(0.62, 0.75)) if status != "planned" else Decimal(0)
        if c.status in rules.ACTIVE_OPERATING:
            c.leased_area = _q(float(c.industrial_land) * min(rng.betavariate(3.2, 1.7), 1))
            c.enterprises = rng.randint(2, 25)
            c.labour = c.enterprises * rng.randint(40, 120)
            c.detailed_plan_approved = c.infrastructure_approved = True
        elif c.status == "under_construction":
            c.leased_area = _q(float(c.industrial_land) * rng.uniform(0, 0.3))
            c.detailed_plan_approved = True
            c.infrastructure_approved = rng.random() < 0.7
        if status not in ("planned", "removed"):
            public = rng.random() < 0.15
            c.developer_kind = "public_unit" if public else "enterprise"
            c.developer_name = (
                f"Trung tâm Phát triển cụm công nghiệp {district[6:]}"
                if public
                else f"Công ty cổ phần Đầu tư hạ tầng {name.split()[-2]} {name.split()[-1]}"
            )
            c.developer_tax_code = f"{rng.randint(100000000, 999999999):010d}"
            c.total_investment = rng.randint(80, 600) * 1_000_000_000
            c.capital_paid = int(c.total_investment * rng.uniform(0.2, 1.0))
            c.state_support = int(c.total_investment * rng.uniform(0, 0.25)) if rng.random() < 0.3 else 0
        clusters.append(c)
    operating = [c for c in clusters if c.status in rules.ACTIVE_OPERATING]
    for c in rng.sample(operating, 123):
        c.wastewater, c.wastewater_compliant = "operating", True
        c.wastewater_capacity = rng.choice([300, 500, 800, 1000, 1500, 2000])
    for c in rng.sample([c for c in operating if c.wastewater == "none"], 60):
        c.wastewater = "building"
    # A few that break Decree 32: oversized after 1/5/2024, support above 30 %, overstated leased land.
    recent = [c for c in clusters if c.status == "operating" and c.established_on][:3]
    for c in recent:
        c.established_on = D(2024, 9, 12)
        c.planned_area = c.established_area = Decimal("82.5")
    under_decree_32 = [
        c
        for c in clusters
        if c.total_investment and c.established_on and c.established_on >= D(2024, 5, 1) and c not in recent
    ]
    for c in under_decree_32[:4]:
        c.state_support = int(c.total_investment * 0.42)
    for c in operating[20:22]:
        c.leased_area = c.industrial_land + Decimal(6)
    # Flags as the services compute them (the area condition for those established since Decree 32).
    by_district = defaultdict(list)
    for c in sorted(clusters, key=lambda c: c.established_on or D(2100, 1, 1)):
        breaches = rules.check(conditions, c.facts(), TODAY, decision_date=c.established_on)
        if c.established_on and c.established_on >= D(2024, 5, 1):
            key = (c.province_current_id, c.old_district)
            row = rules.establish_row(conditions, c.established_on)
            area = rules.area_state((o.leased_area, o.industrial_land) for o in by_district[key])
            breaches += rules.check_establish(row, area)
        if c.established_on:
            by_district[(c.province_current_id, c.old_district)].append(c)
        c.derive()
        c.flags = flag_rows(breaches)
        c.flagged = bool(breaches)
        c.search_folded = c.search_text()
    Cluster.objects.bulk_create(clusters, batch_size=500)
    clusters = list(Cluster.objects.select_related("province_current").order_by("pk"))
    for c in clusters:
        if c.established_on:
            decisions.append(
                ClusterDecision(
                    cluster=c,
                    kind="establish",
                    from_status="planned",
                    to_status="established",
                    number=f"{rng.randint(100, 3999)}/QĐ-UBND",
                    date=c.established_on,
                    issuer=f"UBND {c.province.name}",
                    area=c.established_area if c.status != "expanded" else c.planned_area,
                    recorded_by=agency,
                )
            )
        if c.status in ("operating", "expanded", "revoked"):
            kind, target = {
                "operating": ("operate", "operating"),
                "expanded": ("expand", "expanded"),
                "revoked": ("revoke", "revoked"),
            }[c.status]
            decisions.append(
                ClusterDecision(
                    cluster=c,
                    kind=kind,
                    from_status="established" if c.established_on else "planned",
                    to_status=target,
                    number=f"{rng.randint(100, 3999)}/QĐ-UBND" if kind != "operate" else "",
                    issuer=f"UBND {c.province.name}" if kind != "operate" else "",
                    date=min(
                        (c.established_on or D(2019, 1, 1)) + datetime.timedelta(days=rng.randint(300, 1500)),
                        TODAY,
                    ),
                    area=c.established_area if kind == "expand" else None,
                    recorded_by=agency,
                )
            )
    ClusterDecision.objects.bulk_create(decisions, batch_size=1000)
    projects = []
    for c in clusters:
        if c.status not in rules.ACTIVE_OPERATING:
            continue
        for i in range(rng.randint(1, 5)):
            trade = rng.choice(TRADES)
            p = SecondaryProject(
                cluster=c,
                name=f"Nhà máy {trade.lower()} {_place(rng)}",
                investor=f"Công ty TNHH {_place(rng)} {i + 1}",
                tax_code=f"{rng.randint(100000000, 999999999):010d}",
                trade=trade,
                fdi=rng.random() < 0.08,
                area=_q(rng.uniform(0.5, 6)),
                capital=rng.randint(5, 300) * 1_000_000_000,
                workers=rng.randint(20, 400),
                status="operating" if rng.random() < 0.85 else "building",
            )
            p.search_folded = p.search_text()
            projects.append(p)
    SecondaryProject.objects.bulk_create(projects, batch_size=1000)
    counts = _reports(rng, clusters, agency)
    return {"clusters": len(clusters), "decisions": len(decisions), "projects": len(projects), **counts}


def _input(c: Cluster, form02=None, form01=None) -> layouts.ClusterInput:
    """A cluster as Biểu 03 / 04 count it, as services.reports.aggregate_inputs does: the register's
    figures, its Biểu 02 of the period's FDI projects and its projects' Biểu 01 (revenue, budget, labour)."""
    revenue, budget, workers = form01 or (c.revenue, c.budget_paid, c.labour)
    return layouts.ClusterInput(
        status=c.status,
        kind=c.kind,
        specialised=c.specialised,
        established_on=c.established_on,
        planned_area=c.planned_area,
        area=c.area,
        developer_is_enterprise=c.developer_kind == "enterprise",
        detailed_plan_approved=c.detailed_plan_approved,
        infrastructure_approved=c.infrastructure_approved,
        total_investment=c.total_investment,
        capital_paid=c.capital_paid,
        industrial_land=c.industrial_land,
        leased=c.leased_area,
        projects=c.enterprises,
        fdi_projects=form02.fdi_projects if form02 else 0,
        operating_projects=c.enterprises,
        revenue=revenue,
        budget_paid=budget,
        workers=workers,
        wastewater_built=c.wastewater != "none",
        wastewater_compliant=c.wastewater_compliant,
    )


def _rows(values) -> list[list[str]]:
    return [
        [n, label, unit, "" if unit == layouts.SECTION else str(values[n])]
        for n, label, unit in layouts.AGGREGATE_ROWS
    ]


def _reports(rng, clusters, agency) -> dict[str, int]:
    """Biểu 02 of every reporting cluster for each period, Biểu 01 of the last half year, Biểu 03 of every
    commune with a reporting cluster for the periods of 2026, Biểu 04 of every province; their obligations
    and steps (submitted on time or late, returned, accepted, missing)."""
    rules_by_kind = {}
    for rule in CalendarRule.objects.all():
        for kind in rule.kinds:
            rules_by_kind.setdefault(kind, rule)
    reporting = [c for c in clusters if c.established_on or c.status in rules.ACTIVE_OPERATING]
    reporting = [c for c in reporting if c.status not in (rules.REVOKED, rules.REMOVED)]
    projects = list(SecondaryProject.objects.filter(status="operating").select_related("cluster"))
    provinces = {c.province_current_id: c.province_current for c in reporting}
    reports, communes = [], []  # Biểu 03 after the others: the others' fates stay those of the seed
    for year, period in PERIODS:
        end = layouts.period_end(year, period)
        for c in reporting:
            land = c.industrial_land
            reports.append(
                ClusterReport(
                    form="form02",
                    year=year,
                    period=period,
                    period_end=end,
                    province_id=c.province_current_id,
                    cluster=c,
                    total_investment=c.total_investment,
                    capital_paid=c.capital_paid,
                    industrial_land=land,
                    leased_area=c.leased_area,
                    projects=c.enterprises,
                    fdi_projects=c.enterprises // 10,
                    operating_projects=c.enterprises,
                    revenue=c.enterprises * rng.randint(5, 60) * 1_000_000_000,
                    workers=rng.randint(5, 40),
                    average_income=rng.randint(6, 12) * 1_000_000,
                    wastewater_built=c.wastewater != "none",
                    wastewater_compliant=c.wastewater_compliant,
                )
            )
        if (year, period) == (2026, "half"):
            for p in projects:
                reports.append(
                    ClusterReport(
                        form="form01",
                        year=year,
                        period=period,
                        period_end=end,
                        province_id=p.cluster.province_current_id,
                        cluster=p.cluster,
                        project=p,
                        revenue=rng.randint(2, 80) * 1_000_000_000,
                        budget_paid=rng.randint(1, 40) * 100_000_000,
                        workers=p.workers,
                        average_income=rng.randint(6, 12) * 1_000_000,
                    )
                )
        of_period = [r for r in reports if r.period_end == end]
        form02 = {r.cluster_id: r for r in of_period if r.form == "form02"}
        form01 = defaultdict(lambda: [0, 0, 0])
        for r in of_period:
            if r.form == "form01":
                sums = form01[r.cluster_id]
                sums[0], sums[1], sums[2] = sums[0] + r.revenue, sums[1] + r.budget_paid, sums[2] + r.workers

        def _in(c, form02=form02, form01=form01):
            return _input(c, form02.get(c.pk), form01.get(c.pk))

        if (year, period) in COMMUNE_PERIODS:
            # Biểu 03 of every commune (old district before 1/7/2025) holding a reporting cluster.
            field = "old_district" if end < REFORM_DATE else "commune"
            areas = defaultdict(list)
            for c in clusters:
                areas[(c.province_current_id, getattr(c, field))].append(c)
            for province_id, name in sorted({(c.province_current_id, getattr(c, field)) for c in reporting}):
                if not name:
                    continue
                inputs = [_in(c) for c in areas[(province_id, name)]]
                values = layouts.aggregate(inputs, layouts.period_start(year, period), end)
                communes.append(
                    ClusterReport(
                        form="form03",
                        year=year,
                        period=period,
                        period_end=end,
                        province=provinces[province_id],
                        commune=name,
                        rows=_rows(values),
                        signed_by=f"Chủ tịch UBND {name}",
                        signed_at=timezone.now(),
                    )
                )
        for province in provinces.values():
            inputs = [_in(c) for c in clusters if c.province_current_id == province.pk]
            values = layouts.aggregate(inputs, layouts.period_start(year, period), end)
            rows = _rows(values)
            reports.append(
                ClusterReport(
                    form="form04",
                    year=year,
                    period=period,
                    period_end=end,
                    province=province,
                    rows=rows,
                    signed_by="Giám đốc Sở Công Thương",
                    signed_at=timezone.now(),
                )
            )
    reports += communes
    for r in reports:
        r.search_folded = r.search_text()
    ClusterReport.objects.bulk_create(reports, batch_size=1000)
    reports = list(ClusterReport.objects.select_related("cluster", "project", "province").order_by("pk"))
    content_type = ContentType.objects.get_for_model(ClusterReport)
    obligations, fates = [], []
    now = timezone.now()
    for r in reports:
        kind = FORM_KIND[r.form]
        rule = rules_by_kind.get(kind)
        month = r.period_end.month
        due_day = rule.due_day if rule else 20
        due_on = D(r.year, month, min(due_day, 30 if month == 6 else 31))
        last = (r.year, r.period) == PERIODS[-1]
        roll = rng.random()
        if last:
            fate = "pending"
        elif roll < 0.78:
            fate = "accepted"
        elif roll < 0.88:
            fate = "accepted_late"
        elif roll < 0.94:
            fate = "returned"
        else:
            fate = "missing"
        state = {"accepted": "accepted", "accepted_late": "accepted", "returned": "needs_revision"}.get(
            fate, "pending"
        )
        obligations.append(
            Obligation(
                kind=kind,
                title=str(r)[:300],
                content_type=content_type,
                object_id=r.pk,
                province_id=r.province_id,
                rule=rule,
                basis="periodic",
                period_end=r.period_end,
                due_on=due_on,
                state=state,
                submissions=0 if state == "pending" else 1,
            )
        )
        obligations[-1].search_folded = obligations[-1].search_text()
        fates.append((fate, due_on))
    Obligation.objects.bulk_create(obligations, batch_size=1000)
    obligations = list(Obligation.objects.filter(content_type=content_type).order_by("object_id"))
    by_report = {o.object_id: o for o in obligations}
    steps, updates = [], []
    officers = {
        u.unit.province_id: u
        for u in User.objects.filter(username__in=["sohanoi", "sodanang"]).select_related("unit")
    }
    for r, (fate, due_on) in zip(reports, fates, strict=True):
        o = by_report[r.pk]
        r.obligation = o
        r.applied_at = now if fate.startswith("accepted") and r.form in ("form01", "form02") else None
        updates.append(r)
        submitter = officers.get(r.province_id)

        def at(day, hour=9):
            return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))

        base = due_on - datetime.timedelta(days=60)
        steps.append(ObligationStep(obligation=o, action="schedule", at=at(base), by=agency))
        if fate == "missing" or fate == "pending":
            continue
        submitted = (
            due_on + datetime.timedelta(days=rng.randint(3, 25))
            if fate == "accepted_late"
            else due_on - datetime.timedelta(days=rng.randint(0, 6))
        )
        steps.append(ObligationStep(obligation=o, action="submit", at=at(submitted), by=submitter))
        if r.form in ("form03", "form04"):
            r.signed_at = at(submitted, 8)  # signed the morning it was sent
        if fate == "returned":
            steps.append(
                ObligationStep(
                    obligation=o,
                    action="return",
                    at=at(submitted + datetime.timedelta(days=4)),
                    by=agency,
                    comment="Đề nghị bổ sung số liệu diện tích đất công nghiệp đã cho thuê.",
                )
            )
        else:
            steps.append(
                ObligationStep(
                    obligation=o, action="accept", at=at(submitted + datetime.timedelta(days=5)), by=agency
                )
            )
    ClusterReport.objects.bulk_update(updates, ["obligation", "applied_at", "signed_at"], batch_size=1000)
    ObligationStep.objects.bulk_create(steps, batch_size=2000)
    return {"reports": len(reports), "steps": len(steps)}


def load(stdout) -> None:
    from django.apps import apps

    from cndp.clusters.reference import load_with

    load_with(apps.get_model)  # a test may have flushed the reference data
    if Cluster.objects.exists():
        stdout.write(f"Cụm công nghiệp: {Cluster.objects.count()} cụm (đã có)\n")
        return
    with transaction.atomic():
        counts = _generate(stdout)
    established = Cluster.objects.filter(established_on__isnull=False)
    area = sum((c.established_area or 0 for c in established.only("established_area")), Decimal(0))
    stdout.write(
        "Cụm công nghiệp: {clusters} cụm, {decisions} quyết định, {projects} dự án, {reports} báo cáo\n".format(
            **counts
        )
        + f"  {established.count()} cụm đã thành lập trên {rules.ha(area)} ha\n"
    )
