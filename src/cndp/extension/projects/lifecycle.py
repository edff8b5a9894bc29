"""Lifecycle of an extension project (vòng đời đề án khuyến công) — plain Python, no Django.

The one table of allowed transitions (Circular 36/2013/TT-BCT as amended by Circular 17/2018/TT-BCT;
industry-rules §1.5): who may move a project from one status to the next, and whether the step needs a
document (decision, contract, record) with its number and date. Services call `check_transition` before
writing; views call `allowed_transitions` to show the next actions as buttons.

    registered → doit_appraised → submitted → agency_appraised → selected → in_plan → contracted
      → in_progress → (adjusted / suspended) → inspected → accepted → liquidated → settled
    rejected / withdrawn end a project before it runs (or, with a decision, a suspended one).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def gettext_noop(text: str) -> str:  # noqa: N802 - the gettext convention
    """Marks a label for the translation catalogue (extracted by makemessages) without importing Django;
    the screens translate it when they show it."""
    return text


# Statuses (the values of choices.ProjectStatus).
REGISTERED = "registered"
DOIT_APPRAISED = "doit_appraised"
SUBMITTED = "submitted"
AGENCY_APPRAISED = "agency_appraised"
SELECTED = "selected"
IN_PLAN = "in_plan"
CONTRACTED = "contracted"
IN_PROGRESS = "in_progress"
ADJUSTED = "adjusted"
SUSPENDED = "suspended"
INSPECTED = "inspected"
ACCEPTED = "accepted"
LIQUIDATED = "liquidated"
SETTLED = "settled"
REJECTED = "rejected"
WITHDRAWN = "withdrawn"

STATUSES = (
    REGISTERED,
    DOIT_APPRAISED,
    SUBMITTED,
    AGENCY_APPRAISED,
    SELECTED,
    IN_PLAN,
    CONTRACTED,
    IN_PROGRESS,
    ADJUSTED,
    SUSPENDED,
    INSPECTED,
    ACCEPTED,
    LIQUIDATED,
    SETTLED,
    REJECTED,
    WITHDRAWN,
)
TERMINAL = frozenset({SETTLED, REJECTED, WITHDRAWN})

# Statuses counted as "in the approved plan" for reports (the Minister's decision and after).
APPROVED = frozenset(
    {IN_PLAN, CONTRACTED, IN_PROGRESS, ADJUSTED, SUSPENDED, INSPECTED, ACCEPTED, LIQUIDATED, SETTLED}
)
# Where money may move (advances, payments, refunds); settlement only once liquidated.
DISBURSING = frozenset({CONTRACTED, IN_PROGRESS, ADJUSTED, INSPECTED, ACCEPTED, LIQUIDATED})

# Where progress reports are owed: from the contract until acceptance (suspended projects pause).
REPORTING = frozenset({CONTRACTED, IN_PROGRESS, ADJUSTED, INSPECTED})

# Roles (the values of accounts.choices.Role).
ADMIN = "admin"
AGENCY = "agency_officer"
PROVINCE = "province_officer"

# Who may edit the project's own data in each status: the proposal is the province's until it is
# sent; the agency may still correct it during its appraisal; after that, only an adjustment decision.
EDITABLE = {
    PROVINCE: frozenset({REGISTERED, DOIT_APPRAISED}),
    AGENCY: frozenset({REGISTERED, DOIT_APPRAISED, SUBMITTED, AGENCY_APPRAISED}),
}

STATUS_LABELS = {
    REGISTERED: "Đăng ký",
    DOIT_APPRAISED: "Sở Công Thương đã thẩm định",
    SUBMITTED: "Đã gửi Cục",
    AGENCY_APPRAISED: "Cục đã thẩm định",
    SELECTED: "Được lựa chọn",
    IN_PLAN: "Trong kế hoạch được phê duyệt",
    CONTRACTED: "Đã ký hợp đồng",
    IN_PROGRESS: "Đang thực hiện",
    ADJUSTED: "Đã điều chỉnh",
    SUSPENDED: "Tạm dừng",
    INSPECTED: "Đã kiểm tra",
    ACCEPTED: "Đã nghiệm thu",
    LIQUIDATED: "Đã thanh lý hợp đồng",
    SETTLED: "Đã quyết toán",
    REJECTED: "Không được chấp thuận",
    WITHDRAWN: "Rút, dừng thực hiện",
}


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[str]
    needs_document: bool
    action: str  # the button's label
    document: str = ""  # what the document is (quyết định, hợp đồng, biên bản …)


def _t(source, target, roles, action, document=""):
    return Transition(source, target, frozenset(roles), bool(document), action, document)


A, P, AP = (AGENCY,), (PROVINCE,), (AGENCY, PROVINCE)

# The table. An administrator may do every step listed here; no other step exists for anybody.
TRANSITIONS: tuple[Transition, ...] = (
    _t(REGISTERED, DOIT_APPRAISED, P, gettext_noop("Sở Công Thương thẩm định cấp cơ sở: đạt")),
    _t(REGISTERED, REJECTED, P, gettext_noop("Sở Công Thương thẩm định: không đạt")),
    _t(REGISTERED, WITHDRAWN, AP, gettext_noop("Rút đề án")),
    _t(DOIT_APPRAISED, SUBMITTED, P, gettext_noop("Gửi Cục"), gettext_noop("Công văn gửi đăng ký kế hoạch")),
    _t(DOIT_APPRAISED, REGISTERED, P, gettext_noop("Trả lại đơn vị để hoàn thiện")),
    _t(DOIT_APPRAISED, WITHDRAWN, AP, gettext_noop("Rút đề án")),
    _t(SUBMITTED, AGENCY_APPRAISED, A, gettext_noop("Hoàn thành thẩm định tại Cục")),
    _t(SUBMITTED, REJECTED, A, gettext_noop("Cục thẩm định: không đạt")),
    _t(SUBMITTED, WITHDRAWN, AP, gettext_noop("Rút đề án")),
    _t(AGENCY_APPRAISED, SELECTED, A, gettext_noop("Lựa chọn trong nguồn kinh phí")),
    _t(AGENCY_APPRAISED, REJECTED, A, gettext_noop("Không lựa chọn")),
    _t(
        SELECTED,
        IN_PLAN,
        A,
        gettext_noop("Đưa vào kế hoạch được Bộ trưởng phê duyệt"),
        gettext_noop("Quyết định phê duyệt kế hoạch"),
    ),
    _t(SELECTED, AGENCY_APPRAISED, A, gettext_noop("Bỏ lựa chọn")),
    _t(SELECTED, REJECTED, A, gettext_noop("Không có trong kế hoạch được phê duyệt")),
    _t(IN_PLAN, CONTRACTED, A, gettext_noop("Ký hợp đồng"), gettext_noop("Hợp đồng thực hiện đề án")),
    _t(IN_PLAN, WITHDRAWN, A, gettext_noop("Dừng thực hiện"), gettext_noop("Quyết định dừng thực hiện")),
    _t(CONTRACTED, IN_PROGRESS, AP, gettext_noop("Bắt đầu thực hiện")),
    _t(IN_PROGRESS, ADJUSTED, A, gettext_noop("Điều chỉnh, bổ sung"), gettext_noop("Quyết định điều chỉnh")),
    _t(IN_PROGRESS, SUSPENDED, A, gettext_noop("Tạm dừng"), gettext_noop("Quyết định tạm dừng")),
    _t(IN_PROGRESS, INSPECTED, AP, gettext_noop("Kiểm tra, giám sát"), gettext_noop("Biên bản kiểm tra")),
    _t(ADJUSTED, IN_PROGRESS, AP, gettext_noop("Tiếp tục thực hiện theo nội dung điều chỉnh")),
    _t(ADJUSTED, SUSPENDED, A, gettext_noop("Tạm dừng"), gettext_noop("Quyết định tạm dừng")),
    _t(ADJUSTED, INSPECTED, AP, gettext_noop("Kiểm tra, giám sát"), gettext_noop("Biên bản kiểm tra")),
    _t(
        SUSPENDED,
        IN_PROGRESS,
        A,
        gettext_noop("Cho tiếp tục thực hiện"),
        gettext_noop("Quyết định cho tiếp tục"),
    ),
    _t(SUSPENDED, WITHDRAWN, A, gettext_noop("Dừng hẳn đề án"), gettext_noop("Quyết định dừng thực hiện")),
    _t(INSPECTED, IN_PROGRESS, A, gettext_noop("Yêu cầu khắc phục, tiếp tục thực hiện")),
    _t(INSPECTED, ACCEPTED, A, gettext_noop("Nghiệm thu"), gettext_noop("Biên bản nghiệm thu")),
    _t(
        ACCEPTED, LIQUIDATED, A, gettext_noop("Thanh lý hợp đồng"), gettext_noop("Biên bản thanh lý hợp đồng")
    ),
    _t(LIQUIDATED, SETTLED, A, gettext_noop("Quyết toán"), gettext_noop("Quyết định phê duyệt quyết toán")),
)

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def _role_set(role: str | Iterable[str] | None) -> frozenset[str]:
    if role is None:
        return frozenset()
    if isinstance(role, str):
        return frozenset({role})
    return frozenset(role)


def label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def transition(current: str, target: str) -> Transition | None:
    return _BY_PAIR.get((current, target))


def check_transition(current: str, target: str, role: str | Iterable[str] | None) -> str | None:
    """None if a user with `role` (one role or several) may move a project from `current` to `target`;
    otherwise the reason, in Vietnamese."""
    if current not in STATUS_LABELS:
        return f"Trạng thái «{current}» không tồn tại."
    if target not in STATUS_LABELS:
        return f"Trạng thái «{target}» không tồn tại."
    step = _BY_PAIR.get((current, target))
    if step is None:
        if current in TERMINAL:
            return f"Đề án đã ở trạng thái cuối «{label(current)}», không chuyển tiếp được."
        return f"Không thể chuyển đề án từ «{label(current)}» sang «{label(target)}»."
    roles = _role_set(role)
    if ADMIN in roles or roles & step.roles:
        return None
    who = " hoặc ".join(ROLE_LABELS[r] for r in sorted(step.roles))
    return f"Chỉ {who} được chuyển đề án từ «{label(current)}» sang «{label(target)}»."


def allowed_transitions(current: str, role: str | Iterable[str] | None) -> list[Transition]:
    """The steps a user with `role` may take from `current`, in table order (the detail page's buttons)."""
    return [
        t for t in TRANSITIONS if t.source == current and check_transition(current, t.target, role) is None
    ]


def may_edit(status: str, role: str | Iterable[str] | None) -> bool:
    roles = _role_set(role)
    if ADMIN in roles:
        return status not in TERMINAL
    return any(status in EDITABLE.get(r, ()) for r in roles)


ROLE_LABELS = {AGENCY: "chuyên viên Cục", PROVINCE: "cán bộ Sở Công Thương", ADMIN: "quản trị hệ thống"}


def reachable(start: str = REGISTERED) -> set[str]:
    """Every status reachable from `start` through the table (a test checks all are reachable)."""
    seen, todo = {start}, [start]
    while todo:
        here = todo.pop()
        for t in TRANSITIONS:
            if t.source == here and t.target not in seen:
                seen.add(t.target)
                todo.append(t.target)
    return seen


def path_to(target: str, start: str = REGISTERED) -> list[str]:
    """The shortest list of statuses from `start` to `target` along the main line (used by the demo)."""
    previous: dict[str, str | None] = {start: None}
    queue = [start]
    while queue:
        here = queue.pop(0)
        if here == target:
            break
        for t in TRANSITIONS:
            if t.source == here and t.target not in previous:
                previous[t.target] = here
                queue.append(t.target)
    if target not in previous:
        raise ValueError(f"{target} is not reachable from {start}")
    out, node = [], target
    while node is not None:
        out.append(node)
        node = previous[node]
    return out[::-1]
