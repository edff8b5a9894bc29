"""Writes for extension projects (ghi đề án khuyến công): registration and edits against the caps in force
and the registration deadline, every lifecycle transition with its record, and the disbursement ledger
bounded by the approved extension funds.

Every service: keyword-only arguments, one transaction, role and province scope checked with
core.permissions.require, the rule checked by the plain modules (caps, lifecycle), full_clean() before
save(), the acting user recorded in the history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.core import numbers
from cndp.core.permissions import in_scope, require, user_province_id
from cndp.core.services import ServiceError, scope_check, stored
from cndp.core.text import nfc
from cndp.extension.appraisal import selectors as appraisal_selectors
from cndp.extension.choices import ProgrammeScope
from cndp.extension.models import LedgerEntry, Project, ProjectCodeSequence, ProjectTransition
from cndp.extension.projects import caps, ledger, lifecycle, selectors

PROJECT_FIELDS = (
    "plan_year",
    "name",
    "programme",
    "implementing_unit",
    "province",
    "commune",
    "craft_village",
    "activity_type",
    "trade",
    "technology_line",
    "is_pilot",
    "objectives",
    "scale",
    "start_date",
    "end_date",
    "extension_funds",
    "counterpart_funds",
    "planned_trainees",
    "planned_models",
    "planned_machines",
    "planned_products",
    "planned_jobs",
)
# The proposal's links to many (set after the record is saved, as the services' own arguments).
PROJECT_LINKS = ("coordinating_units", "priority_areas")
# What a user sets on a proposal, in the order the form and the API offer it: the own fields and the links.
PROJECT_INPUT_FIELDS = (
    *PROJECT_FIELDS[:4],
    "coordinating_units",
    *PROJECT_FIELDS[4:9],
    "priority_areas",
    *PROJECT_FIELDS[9:],
)
TEXT_FIELDS = ("name", "commune", "craft_village")


def user_roles(user) -> set[str]:
    """The lifecycle roles of a user: "admin" for a superuser, else the names of their role groups."""
    if getattr(user, "is_superuser", False):
        return {lifecycle.ADMIN}
    return set(getattr(user, "roles", ()))


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


# ---- projects ------------------------------------------------------------------------------------------


def project_problems(
    project: Project, *, on: datetime.date | None = None, check_deadline: bool = False
) -> dict:
    """Rule violations of a project's data as {field: message}: the plan-date validity of its province,
    activity type and programme, the funding cap in force (naming it and its legal basis) and, when asked,
    the registration deadline on `on`."""
    problems: dict[str, str] = {}
    date = caps.plan_date(project.plan_year)
    if project.province_id and not project.province.is_valid_at(date):
        problems["province"] = _(
            "«%(p)s» không phải đơn vị hành chính có hiệu lực ngày %(d)s (năm kế hoạch %(y)s): chọn đơn vị "
            "theo danh mục đang có hiệu lực (34 tỉnh, thành phố từ 01/07/2025)."
        ) % {"p": project.province, "d": date.strftime("%d/%m/%Y"), "y": project.plan_year}
    if project.activity_type_id and not project.activity_type.is_valid_at(date):
        problems["activity_type"] = _(
            "Nội dung «%(a)s» không có hiệu lực trong năm kế hoạch %(y)s (%(basis)s)."
        ) % {"a": project.activity_type, "y": project.plan_year, "basis": project.activity_type.legal_basis}
    programme = project.programme if project.programme_id else None
    if programme is not None:
        if not programme.phase_start <= project.plan_year <= programme.phase_end:
            problems["programme"] = _("Năm kế hoạch %(y)s nằm ngoài giai đoạn của «%(p)s».") % {
                "y": project.plan_year,
                "p": programme,
            }
        elif (
            programme.scope == ProgrammeScope.LOCAL
            and project.province_id
            and (programme.province_id not in (project.province_id, project.province_current_id))
        ):
            problems["programme"] = _("Chương trình địa phương «%(p)s» không thuộc tỉnh của đề án.") % {
                "p": programme
            }
    if project.start_date and project.end_date and project.end_date < project.start_date:
        problems["end_date"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
    elif project.start_date and project.start_date.year != project.plan_year:
        problems["start_date"] = _("Đề án của kế hoạch năm %(y)s phải bắt đầu trong năm %(y)s.") % {
            "y": project.plan_year
        }
    if programme is not None and project.activity_type_id and "extension_funds" not in problems:
        message = caps.cap_problem(
            project.extension_funds or 0,
            (project.extension_funds or 0) + (project.counterpart_funds or 0),
            selectors.cap_for(project),
            technology_line=project.technology_line,
            separators=numbers.separators(),
        )
        if message:
            problems["extension_funds"] = message
    if (
        check_deadline
        and on is not None
        and programme is not None
        and programme.scope == ProgrammeScope.NATIONAL
    ):
        message = caps.deadline_problem(project.plan_year, on, selectors.deadline_for(project.plan_year))
        if message:
            problems["plan_year"] = message
    return problems


def _check_scope(user, project: Project, original: Project | None = None) -> None:
    """A province officer proposes only in their own province, for units of their own province; a unit
    already recorded (an agency centre implementing the province's project) may stay as it is."""
    province_id = user_province_id(user)
    if province_id is None:
        return
    if project.province_current_id != province_id:
        raise PermissionDenied(_("Bạn chỉ được đăng ký, cập nhật đề án của tỉnh mình."))
    unit = project.implementing_unit
    unchanged = original is not None and original.implementing_unit_id == project.implementing_unit_id
    if unit.province_id != province_id and not unchanged:
        raise PermissionDenied(_("Đơn vị thực hiện phải thuộc tỉnh của bạn."))


def _code_sequence(prefix: str) -> ProjectCodeSequence:
    """The prefix's counter row, locked until the transaction ends; created on first use from the highest
    number among the codes already given (projects imported or registered before the counter existed)."""
    sequence = ProjectCodeSequence.objects.select_for_update().filter(prefix=prefix).first()
    if sequence is not None:
        return sequence
    numbers = [
        int(code[len(prefix) :])
        for code in Project.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        if code[len(prefix) :].isdigit()
    ]
    try:
        with transaction.atomic():  # a savepoint: another registration may create the row first
            ProjectCodeSequence.objects.create(prefix=prefix, last_number=max(numbers, default=0))
    except IntegrityError:
        pass
    return ProjectCodeSequence.objects.select_for_update().get(prefix=prefix)


def _next_code(plan_year: int, province) -> str:
    """Cấp mã đề án KC<năm>-<mã tỉnh>-<số>: the next number of the province and year, allocated under the
    lock of its counter row so that simultaneous registrations never get the same code."""
    prefix = f"KC{plan_year}-{province.code}-"
    sequence = _code_sequence(prefix)
    n = sequence.last_number + 1
    while Project.objects.filter(code=f"{prefix}{n:03d}").exists():  # a code typed in by an import
        n += 1
    sequence.last_number = n
    sequence.save(update_fields=["last_number"])
    return f"{prefix}{n:03d}"


def _apply(project: Project, fields: Mapping) -> None:
    unknown = set(fields) - set(PROJECT_FIELDS) - {"code"}
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    for name, value in fields.items():
        if name in TEXT_FIELDS and isinstance(value, str):
            value = nfc(value)
        setattr(project, name, value)
    project.derive()  # the total and the 34-unit successor the scope check needs


def _raise(problems: dict) -> None:
    if problems:
        raise ValidationError({k: [v] for k, v in problems.items()})


@transaction.atomic
def project_create(
    *,
    user,
    coordinating_units: Iterable = (),
    priority_areas: Iterable = (),
    today: datetime.date | None = None,
    **fields,
) -> Project:
    """Đăng ký đề án — registered by (or for) an implementing unit with the provincial Department.

    Refused over the funding cap in force or after the registration deadline of its plan year, with the
    rule and its legal basis in the message.
    """
    require(user, "add", Project)
    project = Project()
    _apply(project, fields)
    if project.programme_id is None and project.plan_year:
        project.programme = selectors.programme_for_year(project.plan_year)
        if project.programme is None:
            raise ValidationError(
                {
                    "programme": [
                        _("Chưa có chương trình khuyến công cho năm %(y)s.") % {"y": project.plan_year}
                    ]
                }
            )
    _check_scope(user, project)
    scope_check(user=user, instance=project)
    on = _today(today)
    _raise(project_problems(project, on=on, check_deadline=True))
    if not project.code:
        project.code = _next_code(project.plan_year, project.province)
    project.registered_on = on
    project.status = lifecycle.REGISTERED
    project.status_changed = timezone.now()
    project._history_user = user
    project.full_clean()
    project.save()
    project.coordinating_units.set(coordinating_units)
    project.priority_areas.set(priority_areas)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    user,
    coordinating_units: Iterable | None = None,
    priority_areas: Iterable | None = None,
    **fields,
) -> Project:
    """Sửa đề án — only while it is the province's proposal (or under the agency's appraisal)."""
    require(user, "change", project)
    if not lifecycle.may_edit(project.status, user_roles(user)):
        raise ServiceError(
            _(
                "Đề án đang ở trạng thái «%(s)s», bạn không sửa được nội dung. Thay đổi sau khi đề án được "
                "lựa chọn phải qua quyết định điều chỉnh (Thông tư 36/2013/TT-BCT, Điều 11)."
            )
            % {"s": project.get_status_display()}
        )
    fields.pop("code", None)
    original = stored(project)
    _apply(project, fields)
    _check_scope(user, project, original)
    scope_check(user=user, instance=project, original=original)
    _raise(project_problems(project))
    project._history_user = user
    project.full_clean()
    project.save()
    if coordinating_units is not None:
        project.coordinating_units.set(coordinating_units)
    if priority_areas is not None:
        project.priority_areas.set(priority_areas)
    return project


# ---- lifecycle -----------------------------------------------------------------------------------------


@transaction.atomic
def project_transition(
    *,
    project: Project,
    target: str,
    user,
    comment: str = "",
    decision_number: str | None = None,
    decision_date: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> ProjectTransition:
    """Move a project one step along the lifecycle table, with who, when, why and the document."""
    require(user, "change", project)
    project = Project.objects.select_for_update().select_related("programme", "province").get(pk=project.pk)
    reason = lifecycle.check_transition(project.status, target, user_roles(user))
    if reason:
        raise ServiceError(reason)
    step = lifecycle.transition(project.status, target)
    at = at or timezone.now()
    on = timezone.localtime(at).date() if timezone.is_aware(at) else at.date()
    decision_number = nfc(decision_number or "")
    comment = (comment or "").strip()
    if step.needs_document and not (decision_number and decision_date):
        raise ServiceError(
            _("Bước «%(a)s» cần số và ngày của văn bản: %(d)s.")
            % {"a": _(step.action), "d": _(step.document).lower()}
        )
    if decision_date and decision_date > on:
        raise ServiceError(_("Ngày văn bản không được sau ngày ghi nhận."))
    if target in (lifecycle.REJECTED, lifecycle.WITHDRAWN) and not comment:
        raise ServiceError(_("Ghi rõ lý do không chấp thuận hoặc rút, dừng đề án."))
    _transition_rules(project, target, on=on)

    record = ProjectTransition(
        project=project,
        source=project.status,
        target=target,
        actor=user,
        at=at,
        comment=comment,
        decision_number=decision_number,
        decision_date=decision_date,
    )
    record._history_user = user
    record.full_clean()
    record.save()
    project.status = target
    project.status_changed = at
    project._history_user = user
    project.save(update_fields=["status", "status_changed", "approved_funds"])
    if target == lifecycle.CONTRACTED:
        from cndp.extension.progress.services import reports_schedule

        reports_schedule(project=project, user=user, on=on)
    return record


def _transition_rules(project: Project, target: str, *, on: datetime.date) -> None:
    """The checks a step needs beyond the table (may set approved_funds on the project)."""
    if target in (lifecycle.DOIT_APPRAISED, lifecycle.SUBMITTED):
        problems = project_problems(project, on=on, check_deadline=target == lifecycle.SUBMITTED)
        if problems:
            raise ServiceError(" ".join(problems.values()))
    elif target == lifecycle.AGENCY_APPRAISED:
        rubric = appraisal_selectors.rubric_in_force(on)
        needed = rubric.min_reviewers if rubric else 1
        done = project.appraisals.count()
        if done < needed:
            raise ServiceError(
                _("Cần ít nhất %(n)s phiếu chấm của thành viên thẩm định, mới có %(k)s.")
                % {"n": needed, "k": done}
            )
    elif target == lifecycle.SELECTED:
        rubric = appraisal_selectors.rubric_in_force(on)
        if project.score is None:
            raise ServiceError(_("Đề án chưa có điểm thẩm định."))
        if rubric and project.score < rubric.pass_score:
            raise ServiceError(
                _("Điểm thẩm định %(s)s thấp hơn điểm đạt %(p)s của «%(r)s».")
                % {
                    "s": numbers.number(project.score, 2),
                    "p": numbers.number(rubric.pass_score, 2),
                    "r": rubric,
                }
            )
        fund = appraisal_selectors.annual_fund(project.programme, project.plan_year)
        if fund is None:
            raise ServiceError(
                _("Chưa có kinh phí khuyến công năm %(y)s của «%(p)s»: nhập kinh phí năm trước khi lựa chọn.")
                % {"y": project.plan_year, "p": project.programme.name}
            )
        committed = appraisal_selectors.committed_funds(project.programme, project.plan_year)
        if committed + project.extension_funds > fund.amount:
            raise ServiceError(
                _(
                    "Vượt nguồn kinh phí khuyến công năm %(y)s: đã lựa chọn %(c)s, đề án đề nghị %(a)s, "
                    "nguồn kinh phí %(f)s (%(d)s)."
                )
                % {
                    "y": project.plan_year,
                    "c": caps.vnd(committed, numbers.separators()),
                    "a": caps.vnd(project.extension_funds, numbers.separators()),
                    "f": caps.vnd(fund.amount, numbers.separators()),
                    "d": fund.decision or fund.programme.name,
                }
            )
        project.approved_funds = project.extension_funds
    elif target == lifecycle.IN_PLAN and project.approved_funds is None:
        project.approved_funds = project.extension_funds
    elif target == lifecycle.SETTLED:
        if not project.ledger.filter(kind=ledger.SETTLEMENT).exists():
            raise ServiceError(_("Chưa ghi số quyết toán của đề án trong sổ kinh phí."))
    if project.status == lifecycle.SELECTED and target in (lifecycle.AGENCY_APPRAISED, lifecycle.REJECTED):
        project.approved_funds = None


@transaction.atomic
def disbursement_record(
    *,
    project: Project,
    kind: str,
    amount: int,
    user,
    on: datetime.date | None = None,
    document_number: str = "",
    note: str = "",
) -> LedgerEntry:
    """Ghi tạm ứng, thanh toán, nộp trả hoặc quyết toán — never beyond the approved extension funds."""
    require(user, "add", LedgerEntry)
    require(user, "view", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if not in_scope(user, project):
        raise PermissionDenied
    if kind == ledger.SETTLEMENT and project.status != lifecycle.LIQUIDATED:
        raise ServiceError(_("Chỉ quyết toán đề án đã thanh lý hợp đồng."))
    if kind != ledger.SETTLEMENT and project.status not in lifecycle.DISBURSING:
        raise ServiceError(
            _("Chỉ cấp, thu hồi kinh phí cho đề án đã ký hợp đồng và chưa quyết toán (hiện: «%(s)s»).")
            % {"s": project.get_status_display()}
        )
    entries = [*selectors.project_entries(project), ledger.Entry(kind, amount)]
    problem = ledger.ledger_problem(entries, project.funds_for_ledger, separators=numbers.separators())
    if problem:
        raise ServiceError(problem.split(": ", 1)[1] if problem.startswith("Dòng") else problem)
    entry = LedgerEntry(
        project=project,
        kind=kind,
        amount=amount,
        on=_today(on),
        document_number=nfc(document_number),
        note=nfc(note),
        recorded_by=user,
    )
    entry._history_user = user
    entry.full_clean()
    entry.save()
    return entry
