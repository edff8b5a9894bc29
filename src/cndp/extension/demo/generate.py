"""The demo generator: proposals per plan year, the Departments' and the agency's steps along the lifecycle
table, appraisal sheets, the selection within the fund, contracts and the ledger — checked against the
plain rules as it goes, written with bulk_create."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from cndp.accounts.models import Unit, User
from cndp.core.demo import vietnamese_names
from cndp.extension.appraisal import selection
from cndp.extension.demo.data import (
    ACTIVITY_MIX,
    AS_OF,
    BRANDS,
    CLUSTERS,
    COMMUNES,
    CRAFTS,
    FUNDS,
    OUTCOMES,
    PLAN_DECISIONS,
    PROPOSALS,
    REJECT_REASONS,
    SCORES_FROM,
    STEPS,
    TZ,
    YEARS,
)
from cndp.extension.demo.reports import plan_reports, save_reports
from cndp.extension.models import (
    ActivityType,
    Appraisal,
    AppraisalScore,
    Beneficiary,
    FundingCap,
    LedgerEntry,
    PriorityArea,
    Project,
    ProjectTransition,
    Rubric,
    Trade,
)
from cndp.extension.progress import rules as reporting
from cndp.extension.projects import caps, ledger, lifecycle
from cndp.obligations import calendar
from cndp.obligations import selectors as obligation_selectors
from cndp.places.models import Province


def _at(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))), TZ)


def _day(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    end = min(end, AS_OF)
    if end <= start:
        return start
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def _programme(national, year):
    for programme in national.values():
        if programme.phase_start <= year <= programme.phase_end:
            return programme
    raise LookupError(year)


class _Context:
    """Lookups loaded once."""

    def __init__(self, national, officer):
        self.national = national
        self.officer = officer
        self.types = {t.code: t for t in ActivityType.objects.all()}
        self.trades = {t.code: t for t in Trade.objects.all()}
        self.priorities = list(PriorityArea.objects.filter(kind__in=["area", "trade"]))
        self.provinces = {v: list(Province.objects.filter(version=v).order_by("code")) for v in ("63", "34")}
        self.centres = {u.province_id: u for u in Unit.objects.filter(kind="extension_centre")}
        self.doits = {u.province_id: u for u in Unit.objects.filter(kind="doit")}
        self.agency_centres = {u.code: u for u in Unit.objects.filter(kind="agency_centre")}
        self.province_users = {
            u.unit.province_id: u for u in User.objects.filter(unit__kind="doit").select_related("unit")
        }
        kc = list(User.objects.filter(unit__code="arid-kc", is_agency_staff=True).order_by("username"))
        self.reviewers = [u for u in kc if u != officer][:6] or [officer]
        self.rubric = Rubric.objects.prefetch_related("criteria").order_by("-valid_from").first()
        self.criteria = list(self.rubric.criteria.all())
        self.caps = [c.as_cap() for c in FundingCap.objects.select_related("activity_type")]
        self.persons = [n for n, _g in vietnamese_names(400, seed=2022)]
        self.report_calendar = obligation_selectors.rule_for(reporting.OBLIGATION_KIND, AS_OF)
        self.report_rule = self.report_calendar.as_rule() if self.report_calendar else calendar.Rule()


def _generate(national, officer) -> dict[str, int]:
    rng = random.Random(20221)
    ctx = _Context(national, officer)
    projects, plans = [], []
    for year in YEARS:
        for plan in _plan_year(ctx, rng, year):
            projects.append(plan["project"])
            plans.append(plan)
    Project.objects.bulk_create(projects, batch_size=500)
    saved = {p.code: p.pk for p in Project.objects.filter(plan_year__in=list(YEARS)).only("pk", "code")}
    beneficiaries, transitions, appraisals, entries, links, reports = [], [], [], [], [], []
    through = Project.priority_areas.through
    for plan in plans:
        project = plan["project"]
        project.pk = saved[project.code]
        for b in plan["beneficiaries"]:
            b.project_id = project.pk
            beneficiaries.append(b)
        for t in plan["transitions"]:
            t.project_id = project.pk
            transitions.append(t)
        for a in plan["appraisals"]:
            a.project_id = project.pk
            appraisals.append(a)
        for e in plan["ledger"]:
            e.project_id = project.pk
            entries.append(e)
        for r in plan.get("reports", ()):
            r.project = project
            r.search_folded = r.search_text()
            reports.append(r)
        links += [through(project_id=project.pk, priorityarea_id=pk) for pk in plan["priorities"]]
    for obj in beneficiaries:
        obj.search_folded = obj.search_text()
    Beneficiary.objects.bulk_create(beneficiaries, batch_size=1000)
    ProjectTransition.objects.bulk_create(transitions, batch_size=1000)
    Appraisal.objects.bulk_create(appraisals, batch_size=1000)
    sheet_ids = {
        (a.project_id, a.reviewer_id): a.pk
        for a in Appraisal.objects.filter(project__plan_year__in=list(YEARS)).only(
            "pk", "project_id", "reviewer_id"
        )
    }
    scores = []
    for a in appraisals:
        if a.appraised_on.year < SCORES_FROM:
            continue
        for criterion, value in a._values:
            scores.append(
                AppraisalScore(
                    appraisal_id=sheet_ids[(a.project_id, a.reviewer_id)], criterion=criterion, value=value
                )
            )
    AppraisalScore.objects.bulk_create(scores, batch_size=2000)
    LedgerEntry.objects.bulk_create(entries, batch_size=1000)
    through.objects.bulk_create(links, batch_size=2000)
    save_reports(reports, ctx)
    return {
        "reports": len(reports),
        "projects": len(projects),
        "transitions": len(transitions),
        "appraisals": len(appraisals),
        "entries": len(entries),
    }


def _pick_activity(rng, year):
    codes = [c for c in ACTIVITY_MIX if c != "digital" or year >= 2026]
    return rng.choices(codes, weights=[ACTIVITY_MIX[c][0] for c in codes])[0]


def _agency_centre(ctx, province_code: str):
    n = int(province_code)
    code = "arid-ttkc1" if n < 40 else ("arid-ttkc2" if n < 70 else "arid-ttkc3")
    return ctx.agency_centres.get(code)


def _new_project(ctx, rng, year, seq_by_province) -> dict:
    version = "63" if caps.plan_date(year) < datetime.date(2025, 7, 1) else "34"
    provinces = ctx.provinces[version]
    # Hà Nội and Đà Nẵng (the demo logins' provinces) always have a share of proposals.
    province = (
        rng.choice(provinces)
        if rng.random() > 0.08
        else rng.choice([p for p in provinces if p.code in ("01", "48")])
    )
    current_id = province.pk if version == "34" else province.successor_id
    activity = _pick_activity(rng, year)
    _w, (lo, hi), (share_lo, share_hi) = ACTIVITY_MIX[activity]
    craft, trade = rng.choice(CRAFTS)
    technology_line = activity == "machinery" and rng.random() < 0.15
    funds = rng.randint(lo, hi) * 1_000_000
    cap = caps.cap_in_force(ctx.caps, ctx.types[activity].pk, None, caps.plan_date(year))
    if cap is not None:
        limit = cap.amount_limit(technology_line)
        if limit is not None:
            funds = min(funds, limit)
        share_hi = min(share_hi, int(cap.share_percent))
    share = Decimal(rng.randint(share_lo, share_hi)) / 100
    total = int(Decimal(funds) / share) // 1_000_000 * 1_000_000
    total = max(total, funds)
    if cap is not None and caps.cap_problem(funds, total, cap, technology_line=technology_line):
        total = int(Decimal(funds) * 100 / cap.share_percent) + 1_000_000
    assert cap is None or caps.cap_problem(funds, total, cap, technology_line=technology_line) is None
    brand = rng.choice(BRANDS)
    commune = f"xã {rng.choice(COMMUNES)}"
    place = province.short_name
    kinds = ["enterprise", "cooperative", "household", "cooperative_group"]
    kind = rng.choices(kinds, weights=[55, 25, 15, 5])[0]
    bname = {
        "enterprise": f"Công ty TNHH {brand}",
        "cooperative": f"Hợp tác xã {craft.split(' ')[-1].capitalize()} {brand}",
        "household": f"Hộ kinh doanh {rng.choice(ctx.persons)}",
        "cooperative_group": f"Tổ hợp tác {craft} {rng.choice(COMMUNES)}",
    }[kind]
    name = {
        "machinery": (
            f"Hỗ trợ ứng dụng dây chuyền thiết bị đồng bộ {craft} tại {bname}"
            if technology_line
            else f"Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào khâu {rng.choice(STEPS)} trong {craft} tại {bname}"
        ),
        "demo_model": f"Xây dựng mô hình trình diễn kỹ thuật {craft} tại {bname}",
        "training": f"Đào tạo nghề, truyền nghề {craft} cho lao động nông thôn {place}",
        "product_development": rng.choice(
            [
                f"Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu {place} năm {year}",
                f"Hỗ trợ cơ sở CNNT {place} tham gia hội chợ, triển lãm hàng CNNT tiêu biểu khu vực năm {year}",
                f"Hỗ trợ xây dựng, đăng ký nhãn hiệu sản phẩm {craft} {place}",
            ]
        ),
        "cleaner_production": f"Hỗ trợ áp dụng sản xuất sạch hơn trong {craft} tại {bname}",
        "management": f"Nâng cao năng lực quản lý cho cơ sở công nghiệp nông thôn {place} năm {year}",
        "consulting": f"Xây dựng chuyên mục khuyến công trên truyền hình {place} năm {year}",
        "linkage_cluster": f"Hỗ trợ lập quy hoạch chi tiết cụm công nghiệp {rng.choice(CLUSTERS)}, {place}",
        "cluster_environment": f"Hỗ trợ sửa chữa, nâng cấp hệ thống xử lý nước thải cụm công nghiệp {rng.choice(CLUSTERS)}, {place}",
        "digital": f"Hỗ trợ chuyển đổi số cho cơ sở công nghiệp nông thôn {place} năm {year}",
    }[activity]
    roll = rng.random()
    if roll < 0.8:
        unit = ctx.centres[current_id]
    elif roll < 0.85:
        unit = ctx.doits[current_id]
    else:
        unit = _agency_centre(ctx, province.code) or ctx.centres[current_id]
    seq_by_province[province.code] = seq_by_province.get(province.code, 0) + 1
    project = Project(
        code=f"KC{year}-{province.code}-{seq_by_province[province.code]:03d}",
        plan_year=year,
        name=name[:300],
        programme=_programme(ctx.national, year),
        implementing_unit=unit,
        province=province,
        province_current_id=current_id,
        commune=commune,
        activity_type=ctx.types[activity],
        trade=ctx.trades[trade] if activity not in ("management", "consulting", "digital") else None,
        technology_line=technology_line,
        is_pilot=rng.random() < 0.04,
        objectives=f"Hỗ trợ cơ sở {craft} đổi mới công nghệ, nâng cao năng suất, chất lượng sản phẩm, tạo việc làm tại địa phương.",
        scale=f"Quy mô: {rng.randint(1, 3)} cơ sở thụ hưởng; thời gian thực hiện trong năm {year}.",
        start_date=datetime.date(year, rng.randint(2, 4), rng.randint(1, 28)),
        end_date=datetime.date(year, rng.randint(10, 11), rng.randint(1, 30)),
        extension_funds=funds,
        counterpart_funds=total - funds,
        total_funds=total,
        planned_trainees=rng.randint(30, 150) if activity in ("training", "management") else 0,
        planned_models=1 if activity in ("demo_model", "cleaner_production") else 0,
        planned_machines=rng.randint(1, 6) if activity == "machinery" else 0,
        planned_products=rng.randint(10, 60) if activity == "product_development" else 0,
        planned_jobs=rng.randint(5, 40) if activity in ("machinery", "demo_model", "training") else 0,
    )
    project.search_folded = project.search_text()
    beneficiaries = []
    if activity in ("machinery", "demo_model", "cleaner_production"):
        beneficiaries.append(
            Beneficiary(
                name=bname,
                kind=kind,
                tax_code=f"{rng.randint(1, 9)}{rng.randint(100000000, 999999999)}"
                if kind != "household"
                else "",
                address=f"{commune}, {province.name}",
                labour=rng.randint(8, 120),
                women_owned=rng.random() < 0.22,
                ethnic_minority_owned=rng.random() < 0.08,
            )
        )
    elif activity in ("training", "management", "product_development"):
        for _ in range(rng.randint(1, 3)):
            b = rng.choice(BRANDS)
            beneficiaries.append(
                Beneficiary(
                    name=f"Công ty TNHH {b} {rng.choice(COMMUNES)}",
                    kind="enterprise",
                    address=f"xã {rng.choice(COMMUNES)}, {province.name}",
                    labour=rng.randint(10, 80),
                    women_owned=rng.random() < 0.25,
                )
            )
    priorities = [p.pk for p in rng.sample(ctx.priorities, k=rng.choice([0, 1, 1, 2]))]
    return {
        "project": project,
        "beneficiaries": beneficiaries,
        "priorities": priorities,
        "transitions": [],
        "appraisals": [],
        "ledger": [],
        "quality": rng.random(),
    }


def _actor(ctx, plan, target):
    """The DoIT's own login for its steps where the demo has one; else the agency officer, who records
    the Departments' dispatches."""
    if target in (lifecycle.DOIT_APPRAISED, lifecycle.SUBMITTED) or plan["project"].status in (
        lifecycle.REGISTERED,
    ):
        return ctx.province_users.get(plan["project"].province_current_id, ctx.officer)
    return ctx.officer


def _move(ctx, rng, plan, target, day, comment="", number="", date=None):
    project = plan["project"]
    roles = {lifecycle.AGENCY, lifecycle.PROVINCE}
    assert lifecycle.check_transition(project.status, target, roles) is None, (project.status, target)
    step = lifecycle.transition(project.status, target)
    if step.needs_document:
        assert number and date, target
    at = _at(min(day, AS_OF), rng)
    if plan["transitions"] and at <= plan["transitions"][-1].at:  # same day: keep the order
        at = plan["transitions"][-1].at + datetime.timedelta(minutes=rng.randint(5, 90))
    plan["transitions"].append(
        ProjectTransition(
            source=project.status,
            target=target,
            actor=_actor(ctx, plan, target),
            at=at,
            comment=comment,
            decision_number=number,
            decision_date=date,
        )
    )
    project.status, project.status_changed = target, at
    plan["last"] = min(day, AS_OF)


def _plan_year(ctx, rng, year) -> list[dict]:
    seq = {}
    plans = [_new_project(ctx, rng, year, seq) for _ in range(PROPOSALS[year])]
    deadline = caps.registration_deadline(year)
    opened = datetime.date(year - 1, 1, 5) if year < 2028 else datetime.date(2026, 7, 1)
    letters = {}
    for plan in plans:
        project = plan["project"]
        registered = _day(rng, opened, deadline - datetime.timedelta(days=25) if year < 2028 else AS_OF)
        project.registered_on = registered
        project.status, project.status_changed, plan["last"] = (
            lifecycle.REGISTERED,
            _at(registered, rng),
            registered,
        )
    if year == 2028:  # proposals of the open year: some appraised by their Department already
        for plan in plans:
            if rng.random() < 0.3 and plan["last"] < AS_OF - datetime.timedelta(days=10):
                _move(ctx, rng, plan, lifecycle.DOIT_APPRAISED, _day(rng, plan["last"], AS_OF))
        return plans

    # Department: appraisal, rejection or withdrawal, then one dispatch per province before 20 June.
    sent = []
    for plan in plans:
        roll = rng.random()
        if roll < 0.04:
            _move(
                ctx,
                rng,
                plan,
                lifecycle.WITHDRAWN,
                _day(rng, plan["last"], deadline),
                "Đơn vị thực hiện xin rút đề án",
            )
            continue
        if roll < 0.08:
            _move(
                ctx,
                rng,
                plan,
                lifecycle.REJECTED,
                _day(rng, plan["last"], deadline),
                REJECT_REASONS[lifecycle.REGISTERED],
            )
            continue
        _move(
            ctx,
            rng,
            plan,
            lifecycle.DOIT_APPRAISED,
            _day(rng, plan["last"], deadline - datetime.timedelta(days=10)),
        )
        if roll < 0.10:
            _move(
                ctx,
                rng,
                plan,
                lifecycle.WITHDRAWN,
                _day(rng, plan["last"], deadline),
                "Cơ sở thụ hưởng không bố trí được vốn đối ứng",
            )
            continue
        code = plan["project"].province.code
        if code not in letters:
            letters[code] = (
                f"{rng.randint(300, 1900)}/SCT-QLCN",
                _day(rng, datetime.date(year - 1, 6, 1), deadline - datetime.timedelta(days=2)),
            )
        number, date = letters[code]
        _move(
            ctx,
            rng,
            plan,
            lifecycle.SUBMITTED,
            max(date, plan["last"]),
            "Đăng ký kế hoạch khuyến công quốc gia",
            number,
            date,
        )
        assert caps.deadline_problem(year, plan["last"]) is None
        sent.append(plan)

    # Agency: incomplete dossiers rejected; the rest scored by two or three reviewers.
    appraised = []
    for plan in sent:
        if year == 2027 and rng.random() < 0.2:
            if rng.random() < 0.5:  # appraisal under way: one sheet in
                _sheets(ctx, rng, plan, year, count=1)
            continue
        if rng.random() < 0.04:
            _move(
                ctx,
                rng,
                plan,
                lifecycle.REJECTED,
                datetime.date(year - 1, 7, rng.randint(1, 31)),
                REJECT_REASONS[lifecycle.SUBMITTED],
            )
            continue
        _sheets(ctx, rng, plan, year, count=rng.choice([2, 2, 3]))
        _move(
            ctx,
            rng,
            plan,
            lifecycle.AGENCY_APPRAISED,
            datetime.date(year - 1, rng.randint(8, 10), rng.randint(1, 28)),
        )
        appraised.append(plan)

    # Selection: the rule the system proposes — best score first, within the year's fund.
    by_key = {id(p): p for p in appraised}
    proposal = selection.propose(
        [
            selection.Candidate(
                key=id(p),
                score=p["project"].score,
                amount=p["project"].extension_funds,
                code=p["project"].code,
            )
            for p in appraised
        ],
        FUNDS[year],
        ctx.rubric.pass_score,
    )
    chosen = [by_key[c.key] for c in proposal.chosen]
    if year == 2027:  # selection being confirmed in November 2026: the top part so far
        chosen = chosen[: int(len(chosen) * 0.45)]
    chosen_ids = {id(p) for p in chosen}
    for plan in chosen:
        plan["project"].approved_funds = plan["project"].extension_funds
        _move(
            ctx,
            rng,
            plan,
            lifecycle.SELECTED,
            datetime.date(year - 1, 11, rng.randint(5, 25)),
            "Lựa chọn trong nguồn kinh phí theo thứ tự điểm thẩm định",
        )
    if year == 2027:
        return plans
    for plan in appraised:
        if id(plan) not in chosen_ids:
            _move(
                ctx,
                rng,
                plan,
                lifecycle.REJECTED,
                datetime.date(year - 1, 11, 28),
                REJECT_REASONS[lifecycle.AGENCY_APPRAISED],
            )
    number, date = PLAN_DECISIONS[year]
    for i, plan in enumerate(chosen, start=1):
        _move(
            ctx,
            rng,
            plan,
            lifecycle.IN_PLAN,
            date,
            "Kế hoạch khuyến công quốc gia được Bộ trưởng phê duyệt",
            number,
            date,
        )
        _run(ctx, rng, plan, year, i)
        plan_reports(ctx, random.Random(f"reports-{plan['project'].code}"), plan)
    return plans


def _sheets(ctx, rng, plan, year, count):
    project = plan["project"]
    quality = plan["quality"]
    reviewers = rng.sample(ctx.reviewers, k=min(count, len(ctx.reviewers)))
    totals = []
    for reviewer in reviewers:
        values = {}
        pairs = []
        for c in ctx.criteria:
            value = Decimal(
                max(0, min(ctx.rubric.scale, round(4.2 + quality * 5.8 + rng.uniform(-1.2, 1.2))))
            )
            values[c.code] = value
            pairs.append((c, value))
        plain = [selection.Criterion(c.code, c.weight, c.name) for c in ctx.criteria]
        score = selection.weighted_score(values, plain, ctx.rubric.scale)
        totals.append(score)
        sheet = Appraisal(
            rubric=ctx.rubric,
            reviewer=reviewer,
            appraised_on=datetime.date(year - 1, rng.randint(7, 8), rng.randint(1, 28)),
            score=score,
            comment="",
            recorded_by=ctx.officer,
        )
        sheet._values = pairs
        plan["appraisals"].append(sheet)
    project.score = selection.average(totals)


def _add(ctx, plan, kind, amount, on, number, note):
    plan["ledger"].append(
        LedgerEntry(
            kind=kind,
            amount=amount,
            on=min(on, AS_OF),
            document_number=number,
            note=note,
            recorded_by=ctx.officer,
        )
    )
    entries = [ledger.Entry(e.kind, e.amount) for e in plan["ledger"]]
    assert ledger.ledger_problem(entries, plan["project"].approved_funds) is None, entries


def _run(ctx, rng, plan, year, n):
    """Contract, advances, progress, inspection, acceptance, liquidation and settlement, as far as the
    project has got by 26/11/2026."""
    project = plan["project"]
    weights = OUTCOMES[year] if year in OUTCOMES else OUTCOMES["old"]
    outcome = rng.choices(list(weights), weights=list(weights.values()))[0]
    approved = project.approved_funds
    signed = datetime.date(year, rng.randint(2, 3), rng.randint(1, 28))
    _move(ctx, rng, plan, lifecycle.CONTRACTED, signed, "", f"{n:03d}/{year}/HĐ-KCQG", signed)
    if outcome == lifecycle.CONTRACTED:
        return
    first = approved // 2 // 1_000_000 * 1_000_000 or approved
    _add(
        ctx,
        plan,
        ledger.ADVANCE,
        first,
        signed + datetime.timedelta(days=rng.randint(5, 20)),
        f"TU-{year}-{n:03d}",
        "Tạm ứng lần 1",
    )
    _move(ctx, rng, plan, lifecycle.IN_PROGRESS, signed + datetime.timedelta(days=rng.randint(7, 25)))
    if outcome in (lifecycle.IN_PROGRESS,):
        return
    if outcome == lifecycle.ADJUSTED or (rng.random() < 0.08 and outcome != lifecycle.SUSPENDED):
        day = datetime.date(year, rng.randint(6, 7), rng.randint(1, 28))
        _move(
            ctx,
            rng,
            plan,
            lifecycle.ADJUSTED,
            day,
            "Điều chỉnh tiến độ, thay đổi danh mục thiết bị",
            f"{rng.randint(100, 900)}/QĐ-CTĐP",
            day,
        )
        if outcome == lifecycle.ADJUSTED:
            return
    if outcome in (lifecycle.SUSPENDED, "stopped"):
        day = datetime.date(year, rng.randint(7, 8), rng.randint(1, 28))
        _move(
            ctx,
            rng,
            plan,
            lifecycle.SUSPENDED,
            day,
            "Cơ sở thụ hưởng chưa hoàn thành đối ứng",
            f"{rng.randint(100, 900)}/QĐ-CTĐP",
            day,
        )
        if outcome == "stopped":
            later = day + datetime.timedelta(days=rng.randint(40, 90))
            _add(ctx, plan, ledger.REFUND, first, later, f"NT-{year}-{n:03d}", "Nộp trả tạm ứng")
            _move(
                ctx,
                rng,
                plan,
                lifecycle.WITHDRAWN,
                later,
                "Dừng thực hiện đề án",
                f"{rng.randint(100, 900)}/QĐ-CTĐP",
                later,
            )
        return
    second = approved * 3 // 10 // 1_000_000 * 1_000_000
    inspected = datetime.date(year, rng.randint(9, 10), rng.randint(1, 28))
    if second:
        _add(
            ctx,
            plan,
            ledger.ADVANCE,
            second,
            inspected - datetime.timedelta(days=30),
            f"TU2-{year}-{n:03d}",
            "Tạm ứng lần 2",
        )
    _move(
        ctx,
        rng,
        plan,
        lifecycle.INSPECTED,
        inspected,
        "Kiểm tra tiến độ, nội dung thực hiện",
        f"{n:03d}/BB-KT",
        inspected,
    )
    if outcome == lifecycle.INSPECTED:
        return
    accepted = datetime.date(year, 11, rng.randint(5, 28))
    if year == AS_OF.year and accepted > AS_OF:
        accepted = AS_OF - datetime.timedelta(days=rng.randint(1, 15))
    _move(ctx, rng, plan, lifecycle.ACCEPTED, accepted, "Nghiệm thu đạt yêu cầu", f"{n:03d}/BB-NT", accepted)
    if outcome == lifecycle.ACCEPTED:
        return
    liquidated = accepted + datetime.timedelta(days=rng.randint(15, 50))
    settled_amount = approved * rng.randint(92, 100) // 100 // 1_000_000 * 1_000_000
    paid = settled_amount - sum(e.amount for e in plan["ledger"] if e.kind == ledger.ADVANCE)
    if paid > 0:
        _add(
            ctx,
            plan,
            ledger.PAYMENT,
            paid,
            liquidated,
            f"TT-{year}-{n:03d}",
            "Thanh toán theo biên bản thanh lý",
        )
    elif paid < 0:
        _add(ctx, plan, ledger.REFUND, -paid, liquidated, f"NT-{year}-{n:03d}", "Nộp trả phần tạm ứng thừa")
    _move(ctx, rng, plan, lifecycle.LIQUIDATED, liquidated, "", f"{n:03d}/BB-TLHĐ", liquidated)
    if outcome == lifecycle.LIQUIDATED:
        return
    settled = liquidated + datetime.timedelta(days=rng.randint(30, 90))
    _add(
        ctx,
        plan,
        ledger.SETTLEMENT,
        settled_amount,
        settled,
        f"{rng.randint(100, 900)}/QĐ-CTĐP",
        "Phê duyệt quyết toán",
    )
    _move(
        ctx,
        rng,
        plan,
        lifecycle.SETTLED,
        settled,
        "Phê duyệt quyết toán kinh phí",
        f"{rng.randint(100, 900)}/QĐ-CTĐP",
        settled,
    )
    return
