"""The conditions of Decree 32/2024/NĐ-CP on industrial clusters (điều kiện cụm công nghiệp) — plain
Python, no Django.

The figures are DATED DATA (the `Condition` rows, kept in the database as `models.ClusterCondition` with
their legal basis, UNCONFIRMED ones marked for the administrator), not code: the size range, the state
support cap, the establishment condition on the existing clusters of the area (which area: the old
district before 1/7/2025, the province's choice after it, the commune with 50 ha from 15/9/2026 under
Decree 303/2026 — UNCONFIRMED), the expansion condition and the deadline to regularise clusters that
operate without an establishment decision. This module applies whichever rows are in force on a date.

Occupancy (tỷ lệ lấp đầy) = leased industrial land ÷ industrial land, kept in [0, 1]: a report that
states more leased land than the cluster has is flagged (LEASED_OVER), never shown above 100 %.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal


def gettext_noop(message: str) -> str:
    """Marks a message for translation without Django (the caller translates it)."""
    return message


ZERO = Decimal(0)
ONE = Decimal(1)

# Condition keys (ClusterCondition.key).
SIZE = "size"  # area range of a cluster (min_area, max_area), for the kinds it `applies_to`
SUPPORT = "support"  # state support ≤ share × total investment
ESTABLISH = "establish"  # the area's existing clusters: occupancy > share or unleased land ≤ unleased
EXPAND = "expand"  # after expansion ≤ max_area, occupancy ≥ share
REGULARISE = "regularise"  # operating without an establishment decision: regularise by `deadline`

# Whom a SIZE row applies to.
ALL = "all"
ORDINARY = "ordinary"  # an ordinary cluster outside mountain areas
MOUNTAIN_OR_CRAFT = "mountain_or_craft"  # in a mountain area, or a craft-village cluster

# The area of the establishment condition.
DISTRICT = "district"  # the old district (cấp huyện), before 1/7/2025
PROVINCE = "province"  # the province (its People's Committee decides how to apply it), 1/7/2025–14/9/2026
COMMUNE = "commune"  # the commune (cấp xã), Decree 303/2026 from 15/9/2026 (UNCONFIRMED)

# Cluster kinds and statuses (the values of choices.ClusterKind / ClusterStatus).
KIND_ORDINARY = "ordinary"
KIND_CRAFT = "craft_village"
PLANNED = "planned"  # in the provincial plan list (danh mục)
ESTABLISHED = "established"  # decision of establishment, infrastructure not started
UNDER_CONSTRUCTION = "under_construction"
OPERATING = "operating"  # at least one project in production
EXPANDED = "expanded"
REMOVED = "removed"  # removed from the plan
REVOKED = "revoked"  # decision revoked (bãi bỏ)
STATUSES = (PLANNED, ESTABLISHED, UNDER_CONSTRUCTION, OPERATING, EXPANDED, REMOVED, REVOKED)
ESTABLISHED_STATUSES = frozenset({ESTABLISHED, UNDER_CONSTRUCTION, OPERATING, EXPANDED})
ACTIVE_OPERATING = frozenset({OPERATING, EXPANDED})

# The lifecycle: status → statuses a recorded decision or fact may move it to.
TRANSITIONS: dict[str, frozenset[str]] = {
    PLANNED: frozenset({ESTABLISHED, OPERATING, REMOVED}),  # operating: formed before any decision
    ESTABLISHED: frozenset({UNDER_CONSTRUCTION, OPERATING, REVOKED}),
    UNDER_CONSTRUCTION: frozenset({OPERATING, REVOKED}),
    OPERATING: frozenset({EXPANDED, ESTABLISHED, REVOKED}),  # established: regularised (Art. 35.4)
    EXPANDED: frozenset({EXPANDED, REVOKED}),
    REMOVED: frozenset(),
    REVOKED: frozenset(),
}


@dataclass(frozen=True)
class Condition:
    """One dated condition row (a ClusterCondition)."""

    key: str
    valid_from: datetime.date
    valid_to: datetime.date | None = None
    applies_to: str = ALL
    min_area: Decimal | None = None
    max_area: Decimal | None = None
    share: Decimal | None = None  # 0.30 support; 0.50 establish (strictly above); 0.60 expand (at least)
    unleased: Decimal | None = None  # ha of unleased industrial land, establish condition
    area_level: str = ""
    deadline: datetime.date | None = None
    legal_basis: str = ""
    confirmed: bool = True

    def in_force(self, date: datetime.date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date <= self.valid_to)


@dataclass(frozen=True)
class Breach:
    """A condition a cluster or proposal does not meet: the rule, its message (a translatable template
    and its values) and its legal basis. `refuse`: the registration is refused, not merely flagged.

    The values are raw, tagged with how they print — `[HA, "80"]`, `[PERCENT, "0.5"]` — (JSON-safe, as
    they are stored on the cluster): `breach_text` formats them in the separators of the reader's
    language when the message is shown, never when it is stored."""

    code: str
    message: str
    params: dict = field(default_factory=dict)
    legal_basis: str = ""
    confirmed: bool = True
    refuse: bool = False


@dataclass(frozen=True)
class Facts:
    """What the rules need to know of a cluster or a proposal."""

    kind: str = KIND_ORDINARY
    mountain: bool = False
    status: str = PLANNED
    has_decision: bool = False  # an establishment decision is recorded
    area: Decimal = ZERO  # the area that counts: established, else planned
    industrial_land: Decimal = ZERO
    leased: Decimal = ZERO
    total_investment: int = 0  # VND
    state_support: int = 0  # VND


def occupancy(leased: Decimal, industrial_land: Decimal) -> Decimal | None:
    """Tỷ lệ lấp đầy in [0, 1]; None without industrial land. Leased land above the industrial land
    counts as full (the overstatement is flagged by `check`, not shown as more than 100 %)."""
    if industrial_land is None or industrial_land <= 0:
        return None
    leased = max(leased or ZERO, ZERO)
    return min(leased / industrial_land, ONE)


def overstated(leased: Decimal, industrial_land: Decimal) -> bool:
    """More land leased than the cluster's industrial land (a report that cannot be right)."""
    return (leased or ZERO) > (industrial_land or ZERO)


@dataclass(frozen=True)
class AreaState:
    """The existing clusters of an area (establishment condition): their number, average occupancy (the
    mean of their rates, each in [0, 1]) and unleased industrial land (ha, never negative)."""

    clusters: int
    average_occupancy: Decimal | None
    unleased: Decimal


def area_state(clusters: Iterable[tuple[Decimal, Decimal]]) -> AreaState:
    """(leased, industrial land) of the established clusters of an area → its state."""
    rates: list[Decimal] = []
    unleased = ZERO
    count = 0
    for leased, land in clusters:
        count += 1
        rate = occupancy(leased, land)
        if rate is not None:
            rates.append(rate)
        unleased += max((land or ZERO) - max(leased or ZERO, ZERO), ZERO)
    average = sum(rates, ZERO) / len(rates) if rates else None
    return AreaState(count, average, unleased)


def in_force(conditions: Iterable[Condition], key: str, date: datetime.date) -> list[Condition]:
    """The rows of `key` in force on `date`, the latest first."""
    return sorted(
        (c for c in conditions if c.key == key and c.in_force(date)), key=lambda c: c.valid_from, reverse=True
    )


def _size_row(conditions, facts: Facts, date) -> Condition | None:
    special = facts.mountain or facts.kind == KIND_CRAFT
    for row in in_force(conditions, SIZE, date):
        if row.applies_to == ALL or (row.applies_to == MOUNTAIN_OR_CRAFT) == special:
            return row
    return None


def ha(value: Decimal, *, decimal_separator: str = ",", thousand_separator: str = ".") -> str:
    """An area in Vietnamese style: 75, 12,5, 1.234,75 (other separators when given: the screens pass the
    active language's)."""
    value = Decimal(value).quantize(Decimal("0.01")).normalize()
    sign = "-" if value < 0 else ""
    text = f"{abs(value):f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + thousand_separator.join(groups) + (decimal_separator + frac if frac else "")


def percent(value: Decimal, **separators: str) -> str:
    return ha(Decimal(value) * 100, **separators) + " %"


HA = "ha"  # a value tag: an area in ha
PERCENT = "percent"  # a value tag: a share in [0, 1], printed as a percentage


def _ha_value(value) -> list[str]:
    return [HA, str(Decimal(value))]


def _percent_value(value) -> list[str]:
    return [PERCENT, str(Decimal(value))]


def render_params(params: dict, **separators: str) -> dict[str, str]:
    """A breach's values as text in the given separators (Vietnamese by default). A plain string (a date,
    or a value stored before the values were tagged) is kept as it is."""
    out = {}
    for name, value in params.items():
        if isinstance(value, list | tuple) and len(value) == 2 and value[0] in (HA, PERCENT):
            out[name] = (ha if value[0] == HA else percent)(Decimal(value[1]), **separators)
        else:
            out[name] = value
    return out


def check_size(conditions: Sequence[Condition], facts: Facts, date: datetime.date) -> list[Breach]:
    """Quy mô diện tích: outside the range in force on `date` for the cluster's kind and place."""
    row = _size_row(conditions, facts, date)
    if row is None or not facts.area:
        return []
    if row.max_area is not None and facts.area > row.max_area:
        return [
            Breach(
                SIZE,
                gettext_noop(
                    "Diện tích %(area)s ha vượt quá quy mô tối đa %(max)s ha của một cụm công nghiệp "
                    "(%(basis)s)."
                ),
                {"area": _ha_value(facts.area), "max": _ha_value(row.max_area)},
                row.legal_basis,
                row.confirmed,
                refuse=True,
            )
        ]
    if row.min_area is not None and facts.area < row.min_area:
        return [
            Breach(
                SIZE,
                gettext_noop(
                    "Diện tích %(area)s ha nhỏ hơn quy mô tối thiểu %(min)s ha của một cụm công nghiệp "
                    "(%(basis)s)."
                ),
                {"area": _ha_value(facts.area), "min": _ha_value(row.min_area)},
                row.legal_basis,
                row.confirmed,
                refuse=True,
            )
        ]
    return []


def check_support(conditions: Sequence[Condition], facts: Facts, date: datetime.date) -> list[Breach]:
    """Hỗ trợ từ ngân sách nhà nước ≤ the share in force of the infrastructure's total investment."""
    rows = in_force(conditions, SUPPORT, date)
    if not rows or not facts.state_support:
        return []
    row = rows[0]
    cap = Decimal(facts.total_investment) * row.share
    if Decimal(facts.state_support) <= cap:
        return []
    return [
        Breach(
            SUPPORT,
            gettext_noop(
                "Ngân sách nhà nước hỗ trợ vượt quá %(share)s tổng mức đầu tư hạ tầng kỹ thuật (%(basis)s)."
            ),
            {"share": _percent_value(row.share)},
            row.legal_basis,
            row.confirmed,
        )
    ]


def establish_row(conditions: Sequence[Condition], date: datetime.date) -> Condition | None:
    rows = in_force(conditions, ESTABLISH, date)
    return rows[0] if rows else None


def check_establish(row: Condition | None, area: AreaState) -> list[Breach]:
    """Điều kiện thành lập (Art. 8.1c): if the area already has established clusters, their average
    occupancy must be above the share OR their unleased industrial land at most `unleased` ha."""
    if row is None or area.clusters == 0:
        return []
    occupancy_ok = area.average_occupancy is not None and area.average_occupancy > row.share
    land_ok = area.unleased <= row.unleased
    if occupancy_ok or land_ok:
        return []
    return [
        Breach(
            ESTABLISH,
            gettext_noop(
                "Chưa đủ điều kiện thành lập: các cụm công nghiệp hiện có trên địa bàn có tỷ lệ lấp đầy "
                "bình quân %(avg)s (phải trên %(share)s) và còn %(unleased)s ha đất công nghiệp chưa cho thuê "
                "(phải không quá %(max)s ha) (%(basis)s)."
            ),
            {
                "avg": _percent_value(area.average_occupancy or ZERO),
                "share": _percent_value(row.share),
                "unleased": _ha_value(area.unleased),
                "max": _ha_value(row.unleased),
            },
            row.legal_basis,
            row.confirmed,
        )
    ]


def check_expand(
    conditions: Sequence[Condition], new_area: Decimal, rate: Decimal | None, date: datetime.date
) -> list[Breach]:
    """Điều kiện mở rộng (Art. 8.2): at most max_area after expansion, occupancy at least the share."""
    rows = in_force(conditions, EXPAND, date)
    if not rows:
        return []
    row = rows[0]
    out = []
    if row.max_area is not None and new_area > row.max_area:
        out.append(
            Breach(
                EXPAND,
                gettext_noop("Diện tích sau mở rộng %(area)s ha vượt quá %(max)s ha (%(basis)s)."),
                {"area": _ha_value(new_area), "max": _ha_value(row.max_area)},
                row.legal_basis,
                row.confirmed,
                refuse=True,
            )
        )
    if row.share is not None and (rate is None or rate < row.share):
        out.append(
            Breach(
                EXPAND,
                gettext_noop(
                    "Chưa đủ điều kiện mở rộng: tỷ lệ lấp đầy %(rate)s, phải đạt từ %(share)s, trừ khi nhu cầu "
                    "thuê đất vượt diện tích đất công nghiệp hiện có (%(basis)s)."
                ),
                {"rate": _percent_value(rate or ZERO), "share": _percent_value(row.share)},
                row.legal_basis,
                row.confirmed,
            )
        )
    return out


def check_regularise(conditions: Sequence[Condition], facts: Facts, date: datetime.date) -> list[Breach]:
    """A cluster operating without an establishment decision must be regularised by the deadline."""
    if facts.status not in ACTIVE_OPERATING or facts.has_decision:
        return []
    rows = [c for c in conditions if c.key == REGULARISE and c.valid_from <= date]
    if not rows:
        return []
    row = max(rows, key=lambda c: c.valid_from)
    late = row.deadline is not None and date > row.deadline
    message = (
        gettext_noop(
            "Cụm công nghiệp đang hoạt động nhưng chưa có quyết định thành lập; đã quá hạn hoàn thiện thủ "
            "tục %(deadline)s (%(basis)s)."
        )
        if late
        else gettext_noop(
            "Cụm công nghiệp đang hoạt động nhưng chưa có quyết định thành lập; phải hoàn thiện thủ tục "
            "trước %(deadline)s (%(basis)s)."
        )
    )
    deadline = row.deadline.strftime("%d/%m/%Y") if row.deadline else ""
    return [Breach(REGULARISE, message, {"deadline": deadline}, row.legal_basis, row.confirmed)]


LEASED_OVER = "leased_over"


def check_leased(facts: Facts) -> list[Breach]:
    if not overstated(facts.leased, facts.industrial_land):
        return []
    return [
        Breach(
            LEASED_OVER,
            gettext_noop(
                "Diện tích đã cho thuê (%(leased)s ha) lớn hơn diện tích đất công nghiệp (%(land)s ha): "
                "số liệu cần kiểm tra lại; tỷ lệ lấp đầy được tính là 100 %%."
            ),
            {"leased": _ha_value(facts.leased), "land": _ha_value(facts.industrial_land)},
        )
    ]


def check(
    conditions: Sequence[Condition],
    facts: Facts,
    date: datetime.date,
    area: AreaState | None = None,
    decision_date: datetime.date | None = None,
) -> list[Breach]:
    """Every condition `facts` breaks on `date`. Size and support are judged at the decision date (the
    rules in force when the cluster was established or, for a proposal, today): a cluster established
    under older rules is not judged by newer ones. The area condition is judged only when `area` is given
    (a proposal, or the establishment decision being recorded)."""
    at = decision_date or date
    out = check_size(conditions, facts, at) + check_support(conditions, facts, at)
    if area is not None:
        out += check_establish(establish_row(conditions, at), area)
    out += check_regularise(conditions, facts, date) + check_leased(facts)
    return out


def transition_problem(current: str, new: str) -> str | None:
    if new not in TRANSITIONS.get(current, frozenset()):
        return gettext_noop("Không chuyển được cụm công nghiệp từ trạng thái «%(old)s» sang «%(new)s».")
    return None


def breach_text(breach: Breach, translate=gettext_noop, **separators: str) -> str:
    """The breach as a sentence: `translate` (Django's gettext) applied to the template, then the values
    in `separators` (the reader's language; Vietnamese by default)."""
    return translate(breach.message) % {
        **render_params(breach.params, **separators),
        "basis": breach.legal_basis,
    }
