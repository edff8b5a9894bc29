"""Demo data of local-industry monitoring (dữ liệu mẫu): from January 2015 to last month, the 63
provinces until June 2025 and the 34 after, monthly GTSX / IIP and yearly rural-industry indicators in
the ranges of the references (a province's monthly production value from a few hundred to about a
hundred thousand billion đồng, growing some 8 % a year with the Tết dip; the index year on year mostly
between 85 and 125 %), each period's submission on the reporting calendar — most on time and approved,
some late, some returned with a comment (a few of the approved ones were returned once and corrected
before approval), a few missing in the last months. Every value has the history the services would have
left (who, when, old → new: entered as a draft by the province, submitted, returned and corrected,
approved by the agency). Bulk-created (a few seconds), deterministic (seeded), loaded once: a second run
keeps what is there."""

from __future__ import annotations

import datetime
import math
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from cndp.accounts.models import User
from cndp.core.text import fold
from cndp.indicators import periods
from cndp.indicators.catalogue import load_catalogue
from cndp.indicators.models import (
    SUBMISSION_KIND,
    DataSet,
    DataSetIndicator,
    DataValue,
    Indicator,
    Submission,
    ValidationRule,
)
from cndp.obligations import calendar
from cndp.obligations.choices import Action
from cndp.obligations.models import CalendarRule, EscalationStep, Obligation, ObligationStep
from cndp.places.models import REFORM_DATE, Province

SEED = 2015
FIRST = datetime.date(2015, 1, 1)
# Monthly production value (tỷ đồng) in January 2015 of the largest industrial provinces; others drawn.
BIG = {"79": 62000, "74": 38000, "75": 30000, "01": 34000, "27": 36000, "31": 17000, "30": 9500, "26": 16000,
       "77": 14000, "24": 9000, "22": 9000, "48": 5000, "92": 4500, "80": 7000, "38": 6000}  # fmt: skip
RETURN_COMMENTS = [
    "Chỉ số IIP chênh lệch lớn so với số của Cục Thống kê tỉnh, đề nghị kiểm tra lại.",
    "Đề nghị giải thích giá trị sản xuất tăng đột biến so với tháng trước.",
    "Thiếu thuyết minh số liệu làng nghề mới được công nhận.",
]
CORRECTED_SHARE = 0.05  # approved submissions that were returned once and corrected first
CORRECTION_COMMENT = "Đã sửa theo ý kiến của Cục: số liệu chính thức của Cục Thống kê tỉnh."


def _scale(rng: random.Random, code: str) -> float:
    return float(BIG.get(code) or math.exp(rng.uniform(math.log(300), math.log(6000))))


def _monthly_series(rng, units63, units34, months):
    """{(province id, month start): (gtsx, iip)} — the 63 until June 2025, the 34 (their predecessors'
    sums) after; IIP from the production value 12 months before."""
    base = {u.pk: _scale(rng, u.code) for u in units63}
    growth = {u.pk: rng.uniform(0.04, 0.13) for u in units63}
    raw: dict[tuple[int, datetime.date], float] = {}
    for u in units63:
        for m in months:
            years = (m.start - FIRST).days / 365.25
            season = 0.82 if m.start.month == 2 else (1.06 if m.start.month == 12 else 1.0)
            raw[(u.pk, m.start)] = base[u.pk] * (1 + growth[u.pk]) ** years * season * rng.uniform(0.95, 1.05)
    out = {}
    members = {n.pk: [u.pk for u in units63 if u.successor_id == n.pk] for n in units34}
    for m in months:
        if m.end < REFORM_DATE:
            ids = {u.pk: [u.pk] for u in units63}
        else:
            ids = members
        for unit_id, parts in ids.items():
            value = sum(raw[(p, m.start)] for p in parts)
            before = m.start.replace(year=m.start.year - 1)
            earlier = sum(raw.get((p, before), 0) for p in parts)
            iip = 100 * value / earlier * rng.uniform(0.97, 1.03) if earlier else rng.uniform(95, 115)
            out[(unit_id, m.start)] = (round(value, 1), round(min(max(iip, 40.0), 250.0), 1))
    return out


def _yearly(rng, unit, year):
    establishments = int(rng.uniform(1500, 30000) * (1.6 if unit.code in BIG else 1))
    workers = int(establishments * rng.uniform(2.2, 4.5))
    value = round(workers * rng.uniform(0.12, 0.45) * (1 + 0.06 * (year - 2015)), 1)  # tỷ đồng
    villages = int(rng.uniform(4, 160) * (2 if unit.code == "01" else 1))
    traditional = int(villages * rng.uniform(0.25, 0.6))
    productivity = round(value / workers * 1000, 1)
    return {"CSCNNT": establishments, "LDCNNT": workers, "GTCNNT": value, "NSLDCNNT": productivity,
            "LANGNGHE": villages, "LANGNGHETT": traditional}  # fmt: skip


def _aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def _insert(model, columns: list[str], rows: list[tuple], now) -> None:
    """Rows written with one statement per batch (the demo loads in seconds; these records are created
    whole, as the services would leave them, without per-object overhead)."""
    ops = connection.ops
    stamp = ops.adapt_datetimefield_value(now)

    def adapt(value):
        if isinstance(value, datetime.datetime):
            return ops.adapt_datetimefield_value(value)
        if isinstance(value, datetime.date):
            return ops.adapt_datefield_value(value)
        return value

    blank = () if "search_folded" in columns else ("",)
    names = ["created", "updated", *(["search_folded"] if blank else []), *columns]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(model._meta.db_table),
        ", ".join(ops.quote_name(n) for n in names),
        ", ".join(["%s"] * len(names)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(
                sql, [(stamp, stamp, *blank, *map(adapt, row)) for row in rows[start : start + 5000]]
            )


def _history(histories, now) -> None:
    """The values' history rows, as the services write them (one row per change: who, when, the value
    then), inserted in batches: [((indicator, province, period type, start), [events])]."""
    ids = {
        (i, p, t, s): (pk, created, c)
        for pk, created, i, p, c, t, s in DataValue.objects.values_list(
            "pk",
            "created",
            "indicator_id",
            "province_id",
            "province_current_id",
            "period_type",
            "period_start",
        )
    }
    ops = connection.ops
    History = DataValue.history.model  # noqa: N806
    columns = ["id", "created", "updated", "search_folded", "indicator_id", "province_id", "province_current_id", "period_type",
               "period_start", "value", "comment", "state", "history_date", "history_type", "history_user_id",
               "history_change_reason"]  # fmt: skip
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(History._meta.db_table),
        ", ".join(ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    dt, day = ops.adapt_datetimefield_value, ops.adapt_datefield_value
    rows = []
    for (indicator_id, province_id, period_type, start), events in histories:
        pk, created, current_id = ids[(indicator_id, province_id, period_type, start)]
        first = events[0][0] if events else now
        for at, kind, user, value, comment, state in events:
            rows.append((pk, dt(first), dt(at), "", indicator_id, province_id, current_id, period_type, day(start),
                         ops.adapt_decimalfield_value(value), comment, state, dt(at), kind, user, None))  # fmt: skip
    with connection.cursor() as cursor:
        for begin in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[begin : begin + 5000])


def load(stdout) -> None:
    if not DataSet.objects.exists():  # the catalogue comes with the migrations; back after a flush
        load_catalogue(Indicator, DataSet, DataSetIndicator, ValidationRule, CalendarRule, EscalationStep)
    datasets = {d.code: d for d in DataSet.objects.select_related("rule")}
    if Submission.objects.exists():
        stdout.write(
            f"Công nghiệp địa phương: {DataValue.objects.count()} số liệu, "
            f"{Submission.objects.count()} báo cáo (đã có)\n"
        )
        return
    rng = random.Random(SEED)
    today = timezone.localdate()
    units63 = list(Province.objects.filter(version="63").order_by("code"))
    units34 = list(Province.objects.filter(version="34").order_by("code"))
    current = {u.pk: u.successor_id or u.pk for u in units63} | {u.pk: u.pk for u in units34}  # today's unit
    indicators = {i.code: i for i in Indicator.objects.all()}
    agency = User.objects.filter(username="chuyenvien").first()
    # the province's officer, by province code (Hà Nội and Đà Nẵng kept theirs across the merger)
    officers = {u.unit.province.code: u for u in User.objects.filter(username__in=["sohanoi", "sodanang"])
                .select_related("unit__province")}  # fmt: skip
    last_month = periods.containing(periods.MONTH, today).previous
    months = periods.periods_between(periods.MONTH, FIRST, last_month.start)
    years = periods.periods_between(periods.YEAR, FIRST, datetime.date(today.year - 1, 1, 1))
    series = _monthly_series(rng, units63, units34, months)
    plans = []  # (dataset, period, unit, values {code: value})
    for m in months:
        for u in units63 if m.end < REFORM_DATE else units34:
            gtsx, iip = series[(u.pk, m.start)]
            plans.append((datasets["CN-THANG"], m, u, {"GTSX": gtsx, "IIP": iip}))
    for y in years:
        for u in units63 if y.end < REFORM_DATE else units34:
            plans.append((datasets["CNNT-NAM"], y, u, _yearly(rng, u, y.start.year)))
    # Each submission's fate: mostly on time and approved; some late; recent ones returned or missing;
    # the period not yet due mostly still being entered.
    from cndp.indicators.services.submissions import due_dates, submission_title

    fates = []
    for dataset, period, _unit, _values in plans:
        cutoff, due_on = due_dates(dataset, period)
        recent = (today - due_on).days
        draw = rng.random()
        if due_on >= today:  # being entered; none waits for review (the reviewers keep up)
            fate = "draft" if draw < 0.6 else "empty"
        elif recent <= 100 and draw < 0.1:
            fate = "missing"
        elif recent <= 100 and draw < 0.18:
            fate = "returned"
        elif draw < 0.85:
            fate = "on_time"
        else:
            fate = "late"
        fates.append((cutoff, due_on, fate, fate in ("on_time", "late") and rng.random() < CORRECTED_SHARE))
    now = timezone.now()
    _insert(Submission, ["dataset_id", "province_id", "province_current_id", "period_start"],
            [(d.pk, u.pk, current[u.pk], p.start) for d, p, u, _v in plans], now)  # fmt: skip
    submission_ids = {
        (d, u, start): pk
        for pk, d, u, start in Submission.objects.values_list(
            "pk", "dataset_id", "province_id", "period_start"
        )
    }
    ct = ContentType.objects.get_for_model(Submission)
    state_of = {"on_time": calendar.ACCEPTED, "late": calendar.ACCEPTED, "returned": calendar.RETURNED,
                "submitted": calendar.SUBMITTED}  # fmt: skip
    _insert(
        Obligation,
        ["search_folded", "kind", "title", "content_type_id", "object_id", "province_id", "rule_id", "basis", "period_end", "due_on",
         "state", "submissions", "escalation"],
        [
            (fold(submission_title(d, u, p))[:500], SUBMISSION_KIND, submission_title(d, u, p)[:300], ct.pk,
             submission_ids[(d.pk, u.pk, p.start)], u.pk, d.rule_id, calendar.PERIODIC, cutoff, due_on,
             state_of.get(fate, calendar.PENDING),
             2 if corrected or (fate == "returned" and rng.random() < 0.3) else int(fate in state_of), 0)
            for (d, p, u, _v), (cutoff, due_on, fate, corrected) in zip(plans, fates, strict=True)
        ],
        now,
    )  # fmt: skip
    Submission.objects.filter(obligation__isnull=True).update(
        obligation=Subquery(
            Obligation.objects.filter(content_type=ct, object_id=OuterRef("pk")).values("pk")[:1]
        )
    )
    obligation_ids = dict(Obligation.objects.filter(content_type=ct).values_list("object_id", "pk"))
    steps, values, histories = (
        [],
        [],
        [],
    )  # histories: per value, [(at, "+"/"~", user id, value, comment, state)]
    value_state = {"on_time": "approved", "late": "approved", "submitted": "submitted", "returned": "draft",
                   "draft": "draft"}  # fmt: skip
    by_id = lambda user: user.pk if user else None  # noqa: E731
    for (d, period, unit, vals), (_cutoff, due_on, fate, corrected) in zip(plans, fates, strict=True):
        o = obligation_ids[submission_ids[(d.pk, unit.pk, period.start)]]
        officer = by_id(officers.get(unit.code))
        reviewer = by_id(agency)
        steps.append((o, Action.SCHEDULE, _aware(period.end), None, ""))
        # the values' events: (at, history type, user, which value — "old" or "new", comment, state)
        events = []
        if fate in ("on_time", "late", "submitted", "returned"):
            late = rng.randint(1, 25) if fate == "late" else -rng.randint(0, 12)
            sent = min(due_on + datetime.timedelta(days=late), today)
            if corrected:  # sent earlier, returned, corrected and sent again
                first = sent - datetime.timedelta(days=rng.randint(4, 8))
                back = first + datetime.timedelta(days=2)
                comment = rng.choice(RETURN_COMMENTS)
                events += [(_aware(first - datetime.timedelta(days=1), 16), "+", officer, "old", "", "draft"),
                           (_aware(first), "~", officer, "old", "", "submitted"),
                           (_aware(back, 15), "~", reviewer, "old", "", "draft"),
                           (_aware(sent - datetime.timedelta(days=1), 10), "~", officer, "new", CORRECTION_COMMENT,
                            "draft")]  # fmt: skip
                steps += [(o, Action.SUBMIT, _aware(first), officer, ""),
                          (o, Action.RETURN, _aware(back, 15), reviewer, comment)]  # fmt: skip
            else:
                events.append(
                    (_aware(sent - datetime.timedelta(days=1), 16), "+", officer, "new", "", "draft")
                )
            steps.append((o, Action.SUBMIT, _aware(sent), officer, ""))
            events.append(
                (_aware(sent), "~", officer, "new", CORRECTION_COMMENT if corrected else "", "submitted")
            )
            if fate == "returned":
                back = min(sent + datetime.timedelta(days=2), today)
                steps.append((o, Action.RETURN, _aware(back, 15), reviewer, rng.choice(RETURN_COMMENTS)))
                events.append((_aware(back, 15), "~", reviewer, "new", "", "draft"))
            elif fate != "submitted":
                accepted = sent + datetime.timedelta(days=rng.randint(1, 6))
                steps.append((o, Action.ACCEPT, _aware(accepted, 15), reviewer, ""))
                events.append((_aware(accepted, 15), "~", reviewer, "new", CORRECTION_COMMENT if corrected else "",
                               "approved"))  # fmt: skip
        elif fate == "draft":
            typed = min(_aware(period.end + datetime.timedelta(days=rng.randint(1, 15)), 10), now)
            events.append((typed, "+", officer, "new", "", "draft"))
        if fate in value_state:
            for code, value in vals.items():
                final = Decimal(str(value))
                # the figure first sent: off by a few per cent (a typing or a preliminary figure)
                old = (
                    (final * Decimal(str(rng.choice([0.9, 0.95, 1.05, 1.1])))).quantize(final)
                    if corrected
                    else final
                )
                key = (indicators[code].pk, unit.pk, period.type, period.start)
                values.append((*key[:2], current[unit.pk], *key[2:], final,
                               CORRECTION_COMMENT if corrected else "", value_state[fate]))  # fmt: skip
                histories.append((key, [(at, kind, user, final if which == "new" else old, note, state)
                                        for at, kind, user, which, note, state in events]))  # fmt: skip
    _insert(ObligationStep, ["obligation_id", "action", "at", "by_id", "comment", "level", "audience"],
            [(*step, 0, "") for step in steps], now)  # fmt: skip
    _insert(DataValue, ["indicator_id", "province_id", "province_current_id", "period_type", "period_start", "value", "comment", "state"],
            values, now)  # fmt: skip
    _history(histories, now)
    submissions = submission_ids
    counts = {
        f: sum(1 for _c, _d, x, _r in fates if x == f) for f in ("on_time", "late", "returned", "missing")
    }
    stdout.write(
        f"Công nghiệp địa phương: {len(values)} số liệu ({months[0].code}–{months[-1].code}, 63 rồi 34 tỉnh), "
        f"{len(submissions)} báo cáo: {counts['on_time']} đúng hạn, {counts['late']} muộn, "
        f"{counts['returned']} bị trả lại, {counts['missing']} chưa nộp; "
        f"{sum(1 for *_f, corrected in fates if corrected)} đã sửa sau khi bị trả lại\n"
    )
