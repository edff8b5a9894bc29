"""Draft documents of a congress (dự thảo văn kiện), their sections (mục) and the comments on them (góp
ý), each answered by the drafting team: accepted, partly accepted or not accepted, with an explanation
(tiếp thu, giải trình)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.congress.documents.choices import (
    EXPLAINED_ANSWERS,
    Answer,
    AuthorKind,
    DocumentKind,
    DocumentStatus,
)
from cndp.congress.models.core import Congress
from cndp.core.models import CndpModel


class DraftDocument(CndpModel):
    """Dự thảo văn kiện — a draft put to the members for comments: the political report, the resolution,
    or the drafts of the upper-level and national congresses."""

    congress = models.ForeignKey(
        Congress, verbose_name=_("đại hội"), on_delete=models.PROTECT, related_name="draft_documents"
    )
    kind = models.CharField(_("loại văn kiện"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("tên văn kiện"), max_length=300)
    version = models.CharField(
        _("lần dự thảo"), max_length=60, blank=True, help_text=_("Ví dụ: Dự thảo lần 2")
    )
    issued_on = models.DateField(_("ngày dự thảo"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.OPEN
    )
    closed_at = models.DateTimeField(_("khóa góp ý lúc"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người khóa góp ý"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()
    search_fields = ("title", "version", "congress__organisation__name")

    class Meta:
        verbose_name = _("dự thảo văn kiện")
        verbose_name_plural = pgettext_lazy("plural", "dự thảo văn kiện")
        ordering = ["-issued_on", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "title", "version"], name="draftdocument_unique_version"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=DocumentStatus.values), name="draftdocument_status_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=DocumentKind.values), name="draftdocument_kind_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(status=DocumentStatus.OPEN) | models.Q(closed_at__isnull=False),
                name="draftdocument_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})" if self.version else self.title

    def get_absolute_url(self) -> str:
        return reverse("congress:document_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == DocumentStatus.OPEN


class DocumentSection(CndpModel):
    """Mục của dự thảo — a heading ("I.2. Về phát triển công nghiệp") and its text; comments are made
    per section."""

    document = models.ForeignKey(
        DraftDocument, verbose_name=_("dự thảo văn kiện"), on_delete=models.CASCADE, related_name="sections"
    )
    number = models.CharField(_("số mục"), max_length=20, blank=True, help_text=_("Ví dụ: I.2"))
    title = models.CharField(_("tiêu đề mục"), max_length=500)
    text = models.TextField(_("nội dung"), blank=True)
    order = models.PositiveIntegerField(_("thứ tự"))

    history = HistoricalRecords()
    search_fields = ("number", "title")

    class Meta:
        verbose_name = _("mục của dự thảo")
        verbose_name_plural = pgettext_lazy("plural", "mục của dự thảo")
        ordering = ["document", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "order"], name="documentsection_unique_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return f"{self.document.get_absolute_url()}#section-{self.pk}"


class Comment(CndpModel):
    """Ý kiến góp ý — by a summoned member or by a cell, on one section; answered by the drafting team."""

    section = models.ForeignKey(
        DocumentSection, verbose_name=_("mục"), on_delete=models.PROTECT, related_name="comments"
    )
    author_kind = models.CharField(_("ý kiến của"), max_length=10, choices=AuthorKind.choices)
    delegate = models.ForeignKey(
        "congress.Delegate",
        verbose_name=_("đảng viên góp ý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document_comments",
    )
    cell = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("chi bộ góp ý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="document_comments",
        limit_choices_to={"kind": "party_cell"},
    )
    content = models.TextField(_("nội dung góp ý"))
    submitted_at = models.DateTimeField(_("ngày góp ý"), default=timezone.now)
    answer = models.CharField(_("tiếp thu"), max_length=10, choices=Answer.choices, blank=True)
    explanation = models.TextField(
        _("giải trình"), blank=True, help_text=_("Bắt buộc khi tiếp thu một phần hoặc không tiếp thu")
    )
    answered_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người trả lời"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    search_fields = ("content", "delegate__full_name", "cell__name")

    class Meta:
        verbose_name = _("ý kiến góp ý")
        verbose_name_plural = pgettext_lazy("plural", "ý kiến góp ý")
        ordering = ["section__document_id", "section__order", "submitted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(author_kind=AuthorKind.MEMBER, delegate__isnull=False, cell__isnull=True)
                    | models.Q(author_kind=AuthorKind.CELL, delegate__isnull=True, cell__isnull=False)
                ),
                name="comment_exactly_one_author",
            ),
            models.CheckConstraint(
                condition=models.Q(answer="") | models.Q(answer__in=Answer.values),
                name="comment_answer_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(answer__in=EXPLAINED_ANSWERS) | ~models.Q(explanation=""),
                name="comment_explanation_required",
            ),
            models.CheckConstraint(
                condition=models.Q(answer="", answered_at__isnull=True)
                | (~models.Q(answer="") & models.Q(answered_at__isnull=False)),
                name="comment_answered_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section} — {self.author_name}"

    @property
    def author_name(self) -> str:
        """Who commented: a member with their cell ("Nguyễn Văn An (Chi bộ Văn phòng)"), or the cell."""
        if self.delegate_id:
            return f"{self.delegate.full_name} ({self.delegate.cell.name})"
        return self.cell.name if self.cell_id else ""

    author_name.fget.short_description = _("người góp ý")

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)

    def clean(self):
        super().clean()
        errors = {}
        if self.answer in EXPLAINED_ANSWERS and not (self.explanation or "").strip():
            errors["explanation"] = _("Giải trình: phải ghi lý do khi trả lời «%(answer)s».") % {
                "answer": self.get_answer_display()
            }
        if self.author_kind == AuthorKind.MEMBER and (self.delegate_id is None or self.cell_id):
            errors["delegate"] = _("Ý kiến của đảng viên: chọn một người được triệu tập, không chọn chi bộ.")
        if self.author_kind == AuthorKind.CELL:
            if self.cell_id is None or self.delegate_id:
                errors["cell"] = _("Ý kiến của chi bộ: chọn một chi bộ, không chọn đảng viên.")
            elif self.cell.kind != "party_cell":
                errors["cell"] = _("«%(unit)s» không phải là chi bộ.") % {"unit": self.cell}
        if errors:
            raise ValidationError(errors)
