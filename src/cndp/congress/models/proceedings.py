"""Proceedings of a congress (điều hành đại hội): the agenda, the organs elected by show of hands and
every show-of-hands vote with its for / against / abstain counts."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel


class OrganKind(models.TextChoices):
    """Cơ quan điều hành và giúp việc đại hội (bầu bằng giơ tay)."""

    PRESIDIUM = "presidium", _("Đoàn Chủ tịch")
    SECRETARIAT = "secretariat", _("Đoàn Thư ký")
    CREDENTIALS = "credentials", _("Ban Thẩm tra tư cách đại biểu")


class VoteKind(models.TextChoices):
    """Loại biểu quyết giơ tay."""

    PROCEDURAL = "procedural", _("Biểu quyết thủ tục (chương trình, quy chế, số lượng bầu…)")
    ORGAN = "organ", _("Bầu cơ quan điều hành, giúp việc")
    DOCUMENT = "document", _("Thông qua văn kiện")
    RESOLUTION = "resolution", _("Thông qua Nghị quyết Đại hội")


class AgendaItem(CndpModel):
    """Mục chương trình đại hội."""

    congress = models.ForeignKey(
        "congress.Congress", verbose_name=_("đại hội"), on_delete=models.CASCADE, related_name="agenda"
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=255)
    starts_at = models.TimeField(_("thời gian"), null=True, blank=True)
    presenter = models.CharField(_("người trình bày"), max_length=120, blank=True)
    done = models.BooleanField(_("đã thực hiện"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = pgettext_lazy("plural", "mục chương trình")
        ordering = ["congress", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["congress", "order"], name="agenda_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("congress:proceedings", args=[self.congress_id])


class OrganMember(CndpModel):
    """Thành viên Đoàn Chủ tịch / Đoàn Thư ký / Ban Thẩm tra tư cách."""

    congress = models.ForeignKey(
        "congress.Congress", verbose_name=_("đại hội"), on_delete=models.CASCADE, related_name="organ_members"
    )
    organ = models.CharField(_("cơ quan"), max_length=12, choices=OrganKind.choices)
    delegate = models.ForeignKey(
        "congress.Delegate", verbose_name=_("đại biểu"), on_delete=models.PROTECT, related_name="organ_seats"
    )
    is_chair = models.BooleanField(_("trưởng đoàn / trưởng ban"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên cơ quan điều hành")
        verbose_name_plural = pgettext_lazy("plural", "thành viên cơ quan điều hành")
        ordering = ["congress", "organ", "-is_chair", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "organ", "delegate"], name="organ_unique_member")
        ]

    def __str__(self) -> str:
        return f"{self.get_organ_display()}: {self.delegate.full_name}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("congress:proceedings", args=[self.congress_id])


class Vote(CndpModel):
    """Biểu quyết giơ tay — adopted when more than half of those entitled to vote who are present agree."""

    congress = models.ForeignKey(
        "congress.Congress", verbose_name=_("đại hội"), on_delete=models.CASCADE, related_name="votes"
    )
    kind = models.CharField(_("loại"), max_length=12, choices=VoteKind.choices)
    subject = models.CharField(_("nội dung biểu quyết"), max_length=255)
    text = models.TextField(_("toàn văn (nghị quyết, văn kiện)"), blank=True)
    voters = models.PositiveSmallIntegerField(_("số người có quyền biểu quyết có mặt"))
    votes_for = models.PositiveSmallIntegerField(_("tán thành"))
    votes_against = models.PositiveSmallIntegerField(_("không tán thành"))
    votes_abstain = models.PositiveSmallIntegerField(_("không biểu quyết"))
    adopted = models.BooleanField(_("được thông qua"), editable=False)
    at = models.DateTimeField(_("thời điểm"))

    history = HistoricalRecords()
    search_fields = ("subject",)

    class Meta:
        verbose_name = _("biểu quyết")
        verbose_name_plural = pgettext_lazy("plural", "biểu quyết")
        ordering = ["congress", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    voters__gte=models.F("votes_for") + models.F("votes_against") + models.F("votes_abstain")
                ),
                name="vote_total_within_voters",
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("congress:proceedings", args=[self.congress_id])
