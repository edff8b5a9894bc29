"""Writes for congresses: summons, exclusions, check-in (lập danh sách triệu tập, điểm danh)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.congress import rules
from cndp.congress.choices import CheckKind, CongressKind, CongressStatus, Exclusion
from cndp.congress.models import AgendaItem, CheckEvent, Congress, Delegate, OrganKind, OrganMember, Vote
from cndp.core.permissions import require
from cndp.core.services import ServiceError
from cndp.core.text import name_sort_key, nfc


class CongressClosed(ServiceError):
    """The congress has closed (đã bế mạc): its record is read-only."""


class AlreadyCheckedIn(ServiceError):
    """Enter on a delegate who is already present: nothing changes, the desk says so."""


def closed_message() -> str:
    """The one message every refused write of a closed congress shows."""
    return _("Đại hội đã bế mạc: dữ liệu của đại hội chỉ còn để xem, không thay đổi được nữa.")


def congress_require_open(congress: Congress | int | None) -> None:
    """Đại hội đã bế mạc thì chỉ xem: raise `CongressClosed` when the congress is closed.

    The one rule every write service of the congress and its elections calls first (summons, exclusions,
    check-in, agenda, organs, show-of-hands votes, drafts and comments, counting board, candidates,
    ballots, counting, decisions) and that the congress and election records ask in `clean()`, so the
    screens, the API and the admin refuse alike. The status is read from the database: an object loaded
    before the congress closed does not slip through. Recording the higher committee's approval of a
    result (chuẩn y), answering comments on a draft and locking a draft against further comments (the drafting
    team's work goes on after the congress) are the writes still allowed.
    """
    pk = getattr(congress, "pk", congress)
    if pk and Congress.objects.filter(pk=pk, status=CongressStatus.CLOSED).exists():
        raise CongressClosed(closed_message())


@transaction.atomic
def congress_close(*, congress: Congress, user) -> Congress:
    """Bế mạc đại hội: from then on everything of the congress is read-only."""
    require(user, "change", congress)
    congress_require_open(congress)
    congress.status = CongressStatus.CLOSED
    congress._history_user = user
    congress.save(update_fields=["status"])
    return congress


AUTO_EXCLUSION = {
    "temporary_away": Exclusion.TEMPORARY_ACTIVITY,
    "exempted": Exclusion.EXEMPTED_ABSENT,
    "suspended": Exclusion.SUSPENDED_OR_PROSECUTED,
}


@transaction.atomic
def summons_allowed(congress: Congress, *, has_delegates: bool) -> bool:
    """The summons list is built while the congress is being prepared, or once for a congress recorded
    directly as in session (Đang họp) that has no list yet; a closed congress never."""
    if congress.status == CongressStatus.PREPARING:
        return True
    return congress.status == CongressStatus.IN_SESSION and not has_delegates


def summons_build(*, congress: Congress, user, at: datetime.date | None = None) -> dict[str, int]:
    """Lập danh sách triệu tập: every member of the organisation on `at` (default: the opening day).

    Official members get a ballot and count in the base; probationary members attend without voting.
    Existing entries are kept (their codes, exclusions and check-ins); running it again adds only
    members that are new. Members temporarily active elsewhere, exempted or suspended are excluded from
    the base automatically, with the reason shown, and the officer can change that.
    """
    from cndp.party.selectors import members_at

    require(user, "add", Delegate)
    congress_require_open(congress)
    existing = set(Delegate.objects.filter(congress=congress).values_list("member_id", flat=True))
    if not summons_allowed(congress, has_delegates=bool(existing)):
        raise ServiceError(
            _("Chỉ lập danh sách triệu tập khi đại hội đang chuẩn bị (hoặc đang họp mà chưa có danh sách).")
        )
    at = at or congress.opens_on
    next_number = Delegate.objects.filter(congress=congress).count() + 1
    added = 0
    for entry in members_at(at):
        if entry.member.pk in existing:
            continue
        exclusion, reason = "", ""
        if entry.is_official:
            for flag, category in AUTO_EXCLUSION.items():
                if getattr(entry, flag, False):
                    exclusion, reason = (
                        category,
                        _("Theo lịch sử đảng viên tại ngày %(d)s") % {"d": at.strftime("%d/%m/%Y")},
                    )
                    break
        delegate = Delegate(
            congress=congress,
            member=entry.member,
            full_name=entry.member.full_name,
            name_sort_key=name_sort_key(entry.member.full_name),
            cell_id=entry.cell_id,
            is_official=entry.is_official,
            code=f"DH{congress.ordinal:02d}-{next_number:03d}",
            exclusion=exclusion,
            exclusion_reason=reason,
        )
        delegate._history_user = user
        delegate.full_clean()
        delegate.save()
        next_number += 1
        added += 1
    return {"added": added, "total": len(existing) + added}


@transaction.atomic
def delegate_exclusion_set(*, delegate: Delegate, user, category: str, reason: str) -> Delegate:
    """Ghi nhận trường hợp không tính vào cơ sở (or clear it with category "")."""
    require(user, "change", delegate)
    congress = delegate.congress
    congress_require_open(congress)
    reason = nfc(reason)
    if category:
        allowed = (
            rules.MEMBER_EXCLUSIONS if congress.kind == CongressKind.MEMBERS else rules.DELEGATE_EXCLUSIONS
        )
        if category not in allowed:
            raise ServiceError(_("Trường hợp loại trừ không áp dụng cho loại đại hội này."))
        if not delegate.is_official:
            raise ServiceError(_("Đảng viên dự bị không tính vào cơ sở nên không cần loại trừ."))
        if not reason:
            raise ServiceError(_("Phải ghi lý do loại trừ."))
        if category == Exclusion.APPROVED_ABSENCE and delegate.present:
            raise ServiceError(_("Đảng viên đang có mặt tại đại hội, không thể tính là vắng mặt cả kỳ."))
    delegate.exclusion, delegate.exclusion_reason = category, reason if category else ""
    delegate._history_user = user
    delegate.full_clean()
    delegate.save()
    return delegate


@transaction.atomic
def delegate_check(
    *, delegate: Delegate, user, kind: str = CheckKind.IN, method: str = "name", at=None
) -> CheckEvent:
    """Điểm danh vào / ra: appends a check event with its time and updates who is present."""
    require(user, "change", delegate)
    if kind not in CheckKind.values:
        raise ServiceError(
            _("Loại điểm danh «%(kind)s» không hợp lệ (chỉ vào hoặc ra).") % {"kind": kind[:20]}
        )
    delegate = Delegate.objects.select_for_update().select_related("congress").get(pk=delegate.pk)
    congress_require_open(delegate.congress_id)
    at = at or timezone.now()
    if kind == CheckKind.IN:
        if delegate.present:
            raise AlreadyCheckedIn(
                _("%(name)s (%(code)s) đã điểm danh vào rồi, đang có mặt; không cần điểm danh lại.")
                % {"name": delegate.full_name, "code": delegate.code}
            )
        if delegate.exclusion == Exclusion.APPROVED_ABSENCE:
            raise ServiceError(
                _(
                    "%(name)s đang được tính là vắng mặt cả kỳ có lý do; bỏ trường hợp loại trừ trước khi điểm danh."
                )
                % {"name": delegate.full_name}
            )
        delegate.present = True
        delegate.checked_in_at = delegate.checked_in_at or at
    else:
        if not delegate.present:
            raise ServiceError(_("%(name)s chưa điểm danh vào.") % {"name": delegate.full_name})
        delegate.present = False
    delegate._history_user = user
    delegate.save(update_fields=["present", "checked_in_at"])
    return CheckEvent.objects.create(delegate=delegate, kind=kind, at=at, method=method, recorded_by=user)


def check_in_by_code(*, congress: Congress, code: str, user) -> CheckEvent:
    """Quét mã thẻ đại biểu: the scanner types the code and Enter."""
    congress_require_open(congress)
    code = nfc(code).upper()
    delegate = Delegate.objects.filter(congress=congress, code=code).first()
    if delegate is None:
        raise ServiceError(_("Không tìm thấy mã thẻ «%(code)s» trong danh sách triệu tập.") % {"code": code})
    return delegate_check(delegate=delegate, user=user, kind=CheckKind.IN, method="code")


# ---- proceedings: agenda, organs, show-of-hands votes ------------------------------------------


@transaction.atomic
def agenda_item_add(
    *, congress: Congress, user, title: str, presenter: str = "", starts_at=None
) -> AgendaItem:
    """Thêm mục vào chương trình đại hội (at the end)."""
    require(user, "add", AgendaItem)
    congress_require_open(congress)
    title = nfc(title)
    if not title:
        raise ServiceError(_("Phải ghi nội dung mục chương trình."))
    order = (AgendaItem.objects.filter(congress=congress).aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem(
        congress=congress, order=order, title=title, presenter=nfc(presenter), starts_at=starts_at
    )
    item._history_user = user
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def organ_member_add(
    *, congress: Congress, user, organ: str, delegate: Delegate, is_chair: bool = False
) -> OrganMember:
    """Ghi thành viên Đoàn Chủ tịch, Đoàn Thư ký, Ban Thẩm tra tư cách (đại hội đã biểu quyết)."""
    require(user, "add", OrganMember)
    congress_require_open(congress)
    if delegate.congress_id != congress.pk:
        raise ServiceError(_("Người này không có trong danh sách triệu tập của đại hội."))
    if not delegate.is_official:
        raise ServiceError(_("Đảng viên dự bị không được bầu vào cơ quan điều hành, giúp việc đại hội."))
    if organ == OrganKind.CREDENTIALS and not congress.rules.credentials_committee:
        raise ServiceError(_("Ban Thẩm tra tư cách đại biểu chỉ có theo Quyết định 190-QĐ/TW."))
    if is_chair and OrganMember.objects.filter(congress=congress, organ=organ, is_chair=True).exists():
        raise ServiceError(_("Cơ quan này đã có trưởng đoàn / trưởng ban."))
    member = OrganMember(congress=congress, organ=organ, delegate=delegate, is_chair=is_chair)
    member._history_user = user
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def vote_record(
    *,
    congress: Congress,
    user,
    kind: str,
    subject: str,
    votes_for: int,
    votes_against: int,
    votes_abstain: int,
    text: str = "",
    at=None,
) -> Vote:
    """Ghi kết quả một lần biểu quyết giơ tay; who may vote = official members present now."""
    require(user, "add", Vote)
    congress_require_open(congress)
    subject = nfc(subject)
    if not subject:
        raise ServiceError(_("Phải ghi nội dung biểu quyết."))
    voters = congress.delegates.filter(is_official=True, present=True).count()
    total = votes_for + votes_against + votes_abstain
    if min(votes_for, votes_against, votes_abstain) < 0:
        raise ServiceError(_("Số biểu quyết không được âm."))
    if total > voters:
        raise ServiceError(
            _("Tổng số biểu quyết (%(t)s) vượt quá số đảng viên chính thức có mặt (%(v)s).")
            % {"t": total, "v": voters}
        )
    vote = Vote(
        congress=congress,
        kind=kind,
        subject=subject,
        text=text.strip(),
        voters=voters,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        adopted=rules.show_of_hands_adopted(votes_for, voters),
        at=at or timezone.now(),
    )
    vote._history_user = user
    vote.full_clean()
    vote.save()
    return vote
