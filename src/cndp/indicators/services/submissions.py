"""A province's submission of a data set for a period (báo cáo số liệu): an obligation of the shared
reporting calendar, kind `indicators.submission`. Draft (pending) → submitted → approved (the values
locked), or returned with a comment (the values editable again) → resubmitted. The calendar's services
check who may submit (the owing province) and review (the agency) and record each step; these add the
data checks (range, required, relations, outliers needing a comment) and the values' state."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.core.permissions import can, in_scope
from cndp.core.services import ServiceError, scope_check
from cndp.indicators import periods, rules, selectors
from cndp.indicators.choices import ValueState
from cndp.indicators.models import SUBMISSION_KIND, DataSet, DataValue, Submission
from cndp.obligations import services as obligation_services
from cndp.obligations.choices import Action
from cndp.obligations.models import Obligation, ObligationStep
from cndp.places.models import Province
from cndp.places.selectors import province_list_valid_at

due_dates = selectors.due_dates  # (data cut-off, due date) of a period: a read, kept here for the callers


def submission_title(dataset: DataSet, province: Province, period: periods.Period) -> str:
    return _("%(dataset)s, %(period)s — %(province)s") % {
        "dataset": dataset.name,
        "period": period.label,
        "province": province.name,
    }


@transaction.atomic
def submission_open(*, dataset: DataSet, province: Province, period: periods.Period, user=None) -> Submission:
    """The submission of `dataset` by `province` for `period`, with its obligation on the calendar
    (created once; idempotent). A province officer opens only its own province's."""
    if user is not None:
        if not can(user, "view", Submission):
            raise PermissionDenied
        probe = Submission(dataset=dataset, province=province, period_start=period.start)
        probe.derive_province_current()
        if not in_scope(user, probe):
            raise PermissionDenied(_("Bạn chỉ được báo cáo số liệu của tỉnh mình."))
    if period.type != dataset.period_type:
        raise ServiceError(_("Kỳ không đúng kỳ báo cáo của bộ chỉ tiêu."))
    if not province.is_valid_at(period.end):
        raise ServiceError(
            _("%(province)s không phải đơn vị hành chính vào ngày cuối %(period)s.")
            % {"province": province.name, "period": period.label}
        )
    submission, _created = Submission.objects.get_or_create(
        dataset=dataset, province=province, period_start=period.start
    )
    if submission.obligation_id is None:
        cutoff, due_on = due_dates(dataset, period)
        submission.obligation = obligation_services.obligation_schedule(
            kind=SUBMISSION_KIND,
            subject=submission,
            title=submission_title(dataset, province, period),
            period_end=cutoff,
            due_on=due_on,
            province=province,
            rule=dataset.rule,
            user=user,
        )
        submission._history_user = user
        submission.save(update_fields=["obligation"])
    return submission


@transaction.atomic
def submissions_schedule(*, dataset: DataSet, period: periods.Period, user=None) -> int:
    """Lập lịch — the submissions every province in force at the period's end owes for `period` (those
    missing are created with their obligations and a «scheduled» step, in a constant number of queries).
    Returns how many were created. The agency's (or the daily job's) act."""
    if user is not None and not can(user, "add", Obligation):
        raise PermissionDenied
    provinces = list(province_list_valid_at(period.end))
    have = set(
        Submission.objects.filter(dataset=dataset, period_start=period.start).values_list(
            "province_id", flat=True
        )
    )
    missing = [p for p in provinces if p.pk not in have]
    if not missing:
        return 0
    news = [Submission(dataset=dataset, province=p, period_start=period.start) for p in missing]
    for submission in news:
        submission.derive_province_current()  # bulk creation does not call save()
    created = Submission.objects.bulk_create(news)
    if any(s.pk is None for s in created):  # a backend that does not return keys
        created = list(
            Submission.objects.filter(
                dataset=dataset, period_start=period.start, province__in=missing, obligation__isnull=True
            )
        )
    by_province = {p.pk: p for p in missing}
    cutoff, due_on = due_dates(dataset, period)
    content_type = ContentType.objects.get_for_model(Submission)
    obligations = Obligation.objects.bulk_create(
        [
            Obligation(
                kind=SUBMISSION_KIND,
                title=submission_title(dataset, by_province[s.province_id], period)[:300],
                content_type=content_type,
                object_id=s.pk,
                province_id=s.province_id,
                rule=dataset.rule,
                period_end=cutoff,
                due_on=due_on,
            )
            for s in created
        ]
    )
    if any(o.pk is None for o in obligations):
        obligations = list(
            Obligation.objects.filter(
                kind=SUBMISSION_KIND, content_type=content_type, object_id__in=[s.pk for s in created]
            )
        )
    by_subject = {o.object_id: o for o in obligations}
    for s in created:
        s.obligation = by_subject[s.pk]
    Submission.objects.bulk_update(created, ["obligation"])
    now = timezone.now()
    by = user if getattr(user, "is_authenticated", False) else None
    ObligationStep.objects.bulk_create(
        [ObligationStep(obligation=o, action=Action.SCHEDULE, at=now, by=by) for o in obligations]
    )
    return len(created)


def submission_check(submission: Submission) -> list[rules.Issue]:
    """The data checks of a submission's values (range, required, relations, outliers vs the previous
    period and the same period last year)."""
    specs, entries, relations = selectors.submission_entries(submission)
    return rules.check(specs, entries, relations, submission.dataset.outlier_share)


def issue_text(issue: rules.Issue) -> str:
    return f"{issue.code}: " + _(issue.message) % dict(issue.params)


def _set_state(submission: Submission, state: str, user) -> None:
    values = list(
        DataValue.objects.filter(
            indicator__in=submission.dataset.indicators.all(),
            province=submission.province,
            period_start=submission.period_start,
        ).exclude(state=state)
    )
    for value in values:
        value.state = state
    DataValue.objects.bulk_update(values, ["state", "updated"])
    if values:
        DataValue.history.bulk_history_create(values, update=True, default_user=user)


def _obligation(submission: Submission, user) -> Obligation:
    if submission.obligation_id is None:
        submission = submission_open(
            dataset=submission.dataset, province=submission.province, period=submission.period, user=user
        )
    return submission.obligation


@transaction.atomic
def submission_submit(*, submission: Submission, user, at: datetime.datetime | None = None) -> Submission:
    """Gửi số liệu (or gửi lại after a return) — only by the owing province, only when no check blocks it
    (an outlier needs a comment)."""
    obligation = _obligation(submission, user)
    scope_check(user=user, instance=obligation, original=obligation)  # another province: ScopeViolation
    if not obligation_services.may_submit(user, obligation):
        raise PermissionDenied(_("Chỉ tỉnh phải báo cáo được gửi số liệu này."))
    blockers = rules.submission_blockers(submission_check(submission))
    if blockers:
        raise ServiceError(
            _("Chưa gửi được: %(problems)s") % {"problems": " ".join(issue_text(i) for i in blockers)}
        )
    obligation_services.obligation_submit(obligation=obligation, user=user, at=at)
    _set_state(submission, ValueState.SUBMITTED, user)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_approve(*, submission: Submission, user, at: datetime.datetime | None = None) -> Submission:
    """Duyệt — the agency approves; the values are locked."""
    obligation_services.obligation_accept(obligation=_obligation(submission, user), user=user, at=at)
    _set_state(submission, ValueState.APPROVED, user)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_return(
    *, submission: Submission, user, comment: str, at: datetime.datetime | None = None
) -> Submission:
    """Trả lại — the agency returns it with what to correct; the values are editable again."""
    obligation_services.obligation_return(
        obligation=_obligation(submission, user), user=user, comment=comment, at=at
    )
    _set_state(submission, ValueState.DRAFT, user)
    submission.refresh_from_db()
    return submission
