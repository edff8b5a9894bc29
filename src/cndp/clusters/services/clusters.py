"""Writes of the cluster register (ghi cơ sở dữ liệu cụm công nghiệp): register or correct a cluster,
record a decision that changes its status, save a production project. Each in a transaction, the role
and the province scope checked, the Decree 32 conditions applied (rules.py): a size outside the range
is refused, other breaches are flagged on the cluster with their legal basis."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from cndp.clusters import rules, selectors
from cndp.clusters.choices import DecisionKind
from cndp.clusters.models import Cluster, ClusterDecision, SecondaryProject
from cndp.core.numbers import separators
from cndp.core.permissions import require
from cndp.core.services import ServiceError, scope_check, stored
from cndp.core.text import nfc

# Decision kind → the status it moves the cluster to.
DECISION_STATUS = {
    DecisionKind.PLAN: rules.PLANNED,
    DecisionKind.ESTABLISH: rules.ESTABLISHED,
    DecisionKind.CONSTRUCTION: rules.UNDER_CONSTRUCTION,
    DecisionKind.OPERATE: rules.OPERATING,
    DecisionKind.EXPAND: rules.EXPANDED,
    DecisionKind.REMOVE: rules.REMOVED,
    DecisionKind.REVOKE: rules.REVOKED,
}
NEEDS_DOCUMENT = {DecisionKind.ESTABLISH, DecisionKind.EXPAND, DecisionKind.REMOVE, DecisionKind.REVOKE}


def decision_status(cluster: Cluster, kind: str) -> str | None:
    """The status a decision of `kind` moves `cluster` to: an establishment decision recorded for a
    cluster that already operates (regularised, Art. 35.4) leaves it operating."""
    if kind == DecisionKind.ESTABLISH and cluster.status in rules.ACTIVE_OPERATING:
        return cluster.status
    return DECISION_STATUS.get(kind)


def decision_kinds(cluster: Cluster) -> list[str]:
    """The decisions the cluster's lifecycle allows now (those the decision form offers)."""
    allowed = rules.TRANSITIONS.get(cluster.status, frozenset())
    out = []
    for kind, status in DECISION_STATUS.items():
        if kind == DecisionKind.ESTABLISH and cluster.established_on is not None:
            continue  # established once; a later change is an expansion or a revocation
        if status in allowed:
            out.append(str(kind))
    return out


def breach_text(breach: rules.Breach) -> str:
    """The breach in the reader's language, its figures in that language's style."""
    return rules.breach_text(breach, _, **separators())


def flag_rows(breaches: list[rules.Breach]) -> list[dict]:
    """Breaches as stored on the cluster (translated when shown)."""
    return [
        {
            "code": b.code,
            "message": b.message,
            "params": b.params,
            "basis": b.legal_basis,
            "confirmed": b.confirmed,
        }
        for b in breaches
    ]


def flag_text(row: dict) -> str:
    """A stored flag in the reader's language, its figures in that language's style."""
    params = rules.render_params(row.get("params", {}), **separators())
    return _(row["message"]) % {**params, "basis": row.get("basis", "")}


def evaluate(cluster: Cluster, conditions, today: datetime.date) -> list[rules.Breach]:
    """The conditions the cluster breaks today. A proposal (in the plan list) is judged with the rules
    and the area condition of today; an established cluster with those of its decision date, keeping the
    area breach recorded when its establishment was decided."""
    facts = cluster.facts()
    if cluster.status == rules.PLANNED:
        row = rules.establish_row(conditions, today)
        area = selectors.area_state(cluster, row.area_level) if row else None
        return rules.check(conditions, facts, today, area=area)
    breaches = rules.check(conditions, facts, today, decision_date=cluster.established_on)
    kept = [f for f in (cluster.flags or []) if f.get("code") in (rules.ESTABLISH, rules.EXPAND)]
    return breaches + [
        rules.Breach(
            f["code"], f["message"], f.get("params", {}), f.get("basis", ""), f.get("confirmed", True)
        )
        for f in kept
    ]


def _refuse(breaches: list[rules.Breach], field: str) -> None:
    refused = [b for b in breaches if b.refuse]
    if refused:
        raise ValidationError({field: [breach_text(b) for b in refused]})


def _prepare(cluster: Cluster) -> None:
    for name in ("code", "name", "old_district", "commune", "developer_name", "developer_tax_code"):
        setattr(cluster, name, nfc(getattr(cluster, name) or ""))
    cluster.derive_province_current()
    cluster.derive()


@transaction.atomic
def cluster_save(*, cluster: Cluster, user, today: datetime.date | None = None) -> Cluster:
    """Đăng ký hoặc cập nhật cụm công nghiệp — a proposal whose area is outside the size range in force
    is refused (the message names the limit and the Decree); other breaches are flagged."""
    today = today or timezone.localdate()
    original = stored(cluster)
    require(user, "change" if original else "add", Cluster)
    if original is not None:
        require(user, "change", original)
    _prepare(cluster)
    scope_check(user=user, instance=cluster, original=original)
    conditions = selectors.conditions()
    breaches = evaluate(cluster, conditions, today)
    _refuse(breaches, "planned_area" if cluster.established_area is None else "__all__")
    cluster.flags = flag_rows(breaches)
    cluster.flagged = bool(breaches)
    cluster._history_user = user
    cluster.full_clean()
    cluster.save()
    return cluster


def cluster_refresh(*, cluster: Cluster, conditions=None, today=None) -> Cluster:
    """Recompute occupancy and flags after a change that did not go through cluster_save (an accepted
    report). The caller holds the transaction and has checked the rights."""
    today = today or timezone.localdate()
    cluster.derive()
    breaches = evaluate(cluster, conditions if conditions is not None else selectors.conditions(), today)
    cluster.flags = flag_rows(breaches)
    cluster.flagged = bool(breaches)
    return cluster


@transaction.atomic
def cluster_transition(
    *,
    cluster: Cluster,
    user,
    kind: str,
    date: datetime.date,
    number: str = "",
    issuer: str = "",
    area: Decimal | None = None,
    note: str = "",
    today: datetime.date | None = None,
) -> ClusterDecision:
    """Ghi nhận quyết định — move the cluster along its lifecycle with the decision (number, date,
    issuer) and who recorded it. Establishment: the area must be in the size range of the decision date
    and the area condition is judged (flagged if not met); expansion: at most 75 ha after it (refused)
    and the occupancy condition (flagged)."""
    today = today or timezone.localdate()
    require(user, "add", ClusterDecision)
    cluster = (
        Cluster.objects.select_for_update(of=("self",)).select_related("province_current").get(pk=cluster.pk)
    )
    require(user, "change", cluster)
    scope_check(user=user, instance=cluster, original=cluster)
    if kind not in DECISION_STATUS:
        raise ServiceError(_("Loại quyết định không hợp lệ."))
    if kind not in decision_kinds(cluster):
        labels = dict(Cluster._meta.get_field("status").flatchoices)
        problem = rules.transition_problem(cluster.status, DECISION_STATUS[kind]) or gettext_noop(
            "Cụm công nghiệp đã có quyết định thành lập; thay đổi sau đó là quyết định mở rộng hoặc bãi bỏ."
        )
        raise ServiceError(_(problem) % {"old": labels[cluster.status], "new": labels[DECISION_STATUS[kind]]})
    new_status = decision_status(cluster, kind)
    number, issuer, note = nfc(number), nfc(issuer), (note or "").strip()
    if kind in NEEDS_DOCUMENT and not (number and issuer):
        raise ValidationError(
            {
                "number": _("Cần ghi số quyết định và cơ quan ban hành."),
                "issuer": _("Cần ghi cơ quan ban hành."),
            }
        )
    if date > today:
        raise ValidationError({"date": _("Ngày quyết định không được sau hôm nay.")})
    conditions = selectors.conditions()
    kept: list[rules.Breach] = []
    if kind == DecisionKind.ESTABLISH:
        area = area or cluster.planned_area
        facts = rules.Facts(kind=cluster.kind, mountain=cluster.mountain, area=area)
        _refuse(rules.check_size(conditions, facts, date), "area")
        row = rules.establish_row(conditions, date)
        # The area condition is for a new cluster, not for one that already operates and is regularised.
        if row is not None and cluster.status not in rules.ACTIVE_OPERATING:
            kept = rules.check_establish(row, selectors.area_state(cluster, row.area_level))
        cluster.established_on = date
        cluster.established_area = area
    elif kind == DecisionKind.EXPAND:
        if not area or area <= cluster.area:
            raise ValidationError({"area": _("Diện tích sau mở rộng phải lớn hơn diện tích hiện nay.")})
        rate = rules.occupancy(cluster.leased_area, cluster.industrial_land)
        breaches = rules.check_expand(conditions, area, rate, date)
        _refuse(breaches, "area")
        kept = breaches
        cluster.established_area = area
    original_status = cluster.status
    cluster.status = new_status
    if kind in (DecisionKind.ESTABLISH, DecisionKind.EXPAND):
        cluster.flags = [
            f for f in cluster.flags or [] if f.get("code") not in (rules.ESTABLISH, rules.EXPAND)
        ]
    cluster_refresh(cluster=cluster, conditions=conditions, today=today)
    cluster.flags += flag_rows([b for b in kept if b.code not in {f["code"] for f in cluster.flags}])
    cluster.flagged = bool(cluster.flags)
    cluster._history_user = user
    cluster.full_clean()
    cluster.save()
    decision = ClusterDecision(
        cluster=cluster,
        kind=kind,
        from_status=original_status,
        to_status=new_status,
        number=number,
        date=date,
        issuer=issuer,
        area=area if kind in (DecisionKind.ESTABLISH, DecisionKind.EXPAND) else None,
        note=note,
        recorded_by=user,
    )
    decision._history_user = user
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def project_save(*, project: SecondaryProject, user) -> SecondaryProject:
    """Lưu dự án trong cụm — within the officer's province."""
    original = stored(project)
    require(user, "change" if original else "add", SecondaryProject)
    if original is not None:
        require(user, "change", original)
    for name in ("name", "investor", "tax_code", "trade"):
        setattr(project, name, nfc(getattr(project, name) or ""))
    scope_check(user=user, instance=project, original=original)
    project._history_user = user
    project.full_clean()
    project.save()
    return project
