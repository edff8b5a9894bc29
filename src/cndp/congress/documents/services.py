"""Writes for draft documents and comments (dự thảo văn kiện, góp ý, tiếp thu, giải trình).

Lifecycle of a draft: open (đang lấy ý kiến) → closed (đã khóa góp ý) → reopened if the congress decides
so. Comments are taken only while the draft is open; the drafting team answers them at any time.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cndp.accounts.choices import UnitKind
from cndp.congress.documents.choices import EXPLAINED_ANSWERS, Answer, AuthorKind, DocumentStatus
from cndp.congress.documents.sections import split_sections
from cndp.congress.models import Comment, Congress, Delegate, DocumentSection, DraftDocument
from cndp.congress.services import congress_require_open
from cndp.core.permissions import require
from cndp.core.services import ServiceError
from cndp.core.text import nfc

TITLE_MAX = 300


def _text(value: str | None) -> str:
    """Multi-line text: NFC, Windows line ends folded, outer white space trimmed (lines kept)."""
    return unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _save(instance, user):
    instance._history_user = user
    instance.full_clean()
    instance.save()
    return instance


def _require_open(document: DraftDocument, message: str) -> None:
    congress_require_open(document.congress_id)
    if document.status != DocumentStatus.OPEN:
        raise ServiceError(message)


@transaction.atomic
def document_create(
    *,
    congress: Congress,
    user,
    kind: str,
    title: str,
    issued_on: datetime.date,
    version: str = "",
) -> DraftDocument:
    """Đưa một dự thảo văn kiện ra lấy ý kiến."""
    require(user, "add", DraftDocument)
    require(user, "view", congress)
    congress_require_open(congress)
    document = DraftDocument(
        congress=congress, kind=kind, title=nfc(title), version=nfc(version), issued_on=issued_on
    )
    return _save(document, user)


@transaction.atomic
def section_add(
    *, document: DraftDocument, user, title: str, text: str = "", number: str = ""
) -> DocumentSection:
    """Thêm một mục vào cuối dự thảo."""
    require(user, "add", DocumentSection)
    document = DraftDocument.objects.select_for_update().get(pk=document.pk)
    _require_open(document, _("Dự thảo đã khóa góp ý, không thêm mục được nữa."))
    title = nfc(title)
    if not title:
        raise ValidationError({"title": _("Phải ghi tiêu đề mục.")})
    last = document.sections.aggregate(n=Max("order"))["n"] or 0
    section = DocumentSection(
        document=document, number=nfc(number).rstrip("."), title=title, text=_text(text), order=last + 1
    )
    return _save(section, user)


@transaction.atomic
def sections_import_from_text(*, document: DraftDocument, user, text: str) -> list[DocumentSection]:
    """Dán toàn văn dự thảo: tách thành các mục theo tiêu đề "I.", "1.", "II."… và thêm vào cuối."""
    require(user, "add", DocumentSection)
    document = DraftDocument.objects.select_for_update().get(pk=document.pk)
    _require_open(document, _("Dự thảo đã khóa góp ý, không thêm mục được nữa."))
    parts = split_sections(_text(text))
    if not parts:
        raise ValidationError({"text": _("Chưa có nội dung để tách thành các mục.")})
    last = document.sections.aggregate(n=Max("order"))["n"] or 0
    created = []
    for offset, part in enumerate(parts, start=1):
        title, body = nfc(part.title), part.text
        if len(title) > TITLE_MAX:  # a numbered paragraph rather than a heading: keep it whole in the text
            title, body = title[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…", f"{part.title}\n{body}".strip()
        section = DocumentSection(
            document=document,
            number=nfc(part.number),
            title=title or part.mark or _("Phần mở đầu"),
            text=body,
            order=last + offset,
        )
        created.append(_save(section, user))
    return created


@transaction.atomic
def section_delete(*, section: DocumentSection, user) -> None:
    """Xóa một mục (dán nhầm): chỉ khi dự thảo còn mở và mục chưa có ý kiến góp ý."""
    require(user, "delete", DocumentSection)
    _require_open(section.document, _("Dự thảo đã khóa góp ý, không xóa mục được nữa."))
    if section.comments.exists():
        raise ServiceError(_("Mục «%(section)s» đã có ý kiến góp ý, không xóa được.") % {"section": section})
    section._history_user = user
    section.delete()


@transaction.atomic
def comment_add(
    *,
    section: DocumentSection,
    user,
    content: str,
    delegate: Delegate | None = None,
    cell=None,
    submitted_at: datetime.datetime | None = None,
) -> Comment:
    """Ghi một ý kiến góp ý của một đảng viên được triệu tập hoặc của một chi bộ vào một mục."""
    require(user, "add", Comment)
    document = DraftDocument.objects.select_related("congress").get(pk=section.document_id)
    _require_open(document, _("Dự thảo «%(doc)s» đã khóa góp ý, không nhận thêm ý kiến.") % {"doc": document})
    if (delegate is None) == (cell is None):
        raise ServiceError(_("Chọn đúng một người góp ý: một đảng viên hoặc một chi bộ."))
    if delegate is not None and delegate.congress_id != document.congress_id:
        raise ServiceError(
            _("Đồng chí %(name)s không có trong danh sách triệu tập của đại hội này.")
            % {"name": delegate.full_name}
        )
    if cell is not None and (
        cell.kind != UnitKind.PARTY_CELL or cell.parent_id != document.congress.organisation_id
    ):
        raise ServiceError(
            _("«%(cell)s» không phải là chi bộ trực thuộc %(org)s.")
            % {"cell": cell, "org": document.congress.organisation}
        )
    content = _text(content)
    if not content:
        raise ValidationError({"content": _("Phải ghi nội dung góp ý.")})
    comment = Comment(
        section=section,
        author_kind=AuthorKind.MEMBER if delegate is not None else AuthorKind.CELL,
        delegate=delegate,
        cell=cell,
        content=content,
        submitted_at=submitted_at or timezone.now(),
    )
    return _save(comment, user)


@transaction.atomic
def comment_answer(
    *, comment: Comment, user, answer: str, explanation: str = "", at: datetime.datetime | None = None
) -> Comment:
    """Trả lời một ý kiến: tiếp thu, tiếp thu một phần hoặc không tiếp thu; hai trường hợp sau phải có
    giải trình."""
    require(user, "change", comment)
    if answer not in Answer.values:
        raise ValidationError({"answer": _("Chọn một trong: tiếp thu, tiếp thu một phần, không tiếp thu.")})
    explanation = _text(explanation)
    if answer in EXPLAINED_ANSWERS and not explanation:
        raise ValidationError(
            {
                "explanation": _("Giải trình: phải ghi lý do khi trả lời «%(answer)s».")
                % {"answer": Answer(answer).label}
            }
        )
    comment.answer = answer
    comment.explanation = explanation
    comment.answered_by = user
    comment.answered_at = at or timezone.now()
    return _save(comment, user)


@transaction.atomic
def document_close(*, document: DraftDocument, user, at: datetime.datetime | None = None) -> DraftDocument:
    """Khóa góp ý: từ nay không nhận thêm ý kiến; việc tiếp thu, giải trình vẫn tiếp tục."""
    require(user, "change", document)
    document = DraftDocument.objects.select_for_update().get(pk=document.pk)
    _require_open(document, _("Dự thảo đã khóa góp ý rồi."))
    document.status = DocumentStatus.CLOSED
    document.closed_at = at or timezone.now()
    document.closed_by = user
    return _save(document, user)


@transaction.atomic
def document_reopen(*, document: DraftDocument, user) -> DraftDocument:
    """Mở lại để lấy thêm ý kiến."""
    require(user, "change", document)
    document = DraftDocument.objects.select_for_update().get(pk=document.pk)
    congress_require_open(document.congress_id)
    if document.status == DocumentStatus.OPEN:
        raise ServiceError(_("Dự thảo đang lấy ý kiến."))
    document.status = DocumentStatus.OPEN
    document.closed_at = None
    document.closed_by = None
    return _save(document, user)
