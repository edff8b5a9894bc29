"""Secret-ballot elections (bầu cử): candidates, the counting board, double entry of ballots, the
hash-chained entry log, results and the congress's decisions. Nothing here links a ballot to a voter:
a ballot's number is only its place in the pile taken from the box."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.core.models import CndpModel
from cndp.elections import chain
from cndp.elections.choices import CandidateSource, Clerk, Decision, ElectionKind, ElectionStatus


class CountingBoardMember(CndpModel):
    """Thành viên Ban Kiểm phiếu — elected by show of hands; official, on no election list."""

    congress = models.ForeignKey(
        "congress.Congress",
        verbose_name=_("đại hội"),
        on_delete=models.CASCADE,
        related_name="counting_board",
    )
    delegate = models.ForeignKey(
        "congress.Delegate", verbose_name=_("đại biểu"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        "accounts.User", verbose_name=_("tài khoản"), on_delete=models.PROTECT, related_name="counting_boards"
    )
    is_head = models.BooleanField(_("trưởng ban"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên Ban Kiểm phiếu")
        verbose_name_plural = pgettext_lazy("plural", "thành viên Ban Kiểm phiếu")
        ordering = ["congress", "-is_head", "delegate__name_sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "delegate"], name="board_unique_delegate"),
            models.UniqueConstraint(fields=["congress", "user"], name="board_unique_user"),
            models.UniqueConstraint(
                fields=["congress"], condition=models.Q(is_head=True), name="board_one_head"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegate.full_name}{' (Trưởng ban)' if self.is_head else ''}"

    def account_problem(self) -> dict[str, str]:
        """Why this delegate and account cannot sit on the board (field → Vietnamese message): the
        delegate must be summoned to this congress and the account must be the delegate's own agency
        account — never a province officer's, which would open the Party's records to a province."""
        problems: dict[str, str] = {}
        if self.delegate_id and self.congress_id and self.delegate.congress_id != self.congress_id:
            problems["delegate"] = _("Người này không có trong danh sách triệu tập của đại hội.")
        if self.user_id:
            if self.user.scope_province_id is not None:
                problems["user"] = _(
                    "Thành viên Ban Kiểm phiếu phải dùng tài khoản của cơ quan Cục, không dùng tài khoản cấp tỉnh."
                )
            elif self.delegate_id and self.delegate.member.staff_id != self.user_id:
                problems["user"] = _("Tài khoản %(account)s không phải của đại biểu %(name)s.") % {
                    "account": self.user,
                    "name": self.delegate.full_name,
                }
        return problems

    def clean(self):
        from django.core.exceptions import ValidationError

        problems = self.account_problem()
        if problems:
            raise ValidationError(problems)

    def get_absolute_url(self) -> str:
        return self.congress.get_absolute_url()


class Election(CndpModel):
    """Cuộc bầu cử — one ballot of one congress (a round; later rounds link to the previous one)."""

    congress = models.ForeignKey(
        "congress.Congress", verbose_name=_("đại hội"), on_delete=models.PROTECT, related_name="elections"
    )
    kind = models.CharField(_("loại"), max_length=24, choices=ElectionKind.choices)
    seats = models.PositiveSmallIntegerField(_("số lượng cần bầu"))
    round_number = models.PositiveSmallIntegerField(_("lần bầu"), default=1)
    previous_round = models.OneToOneField(
        "self",
        verbose_name=_("lần bầu trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_round",
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ElectionStatus.choices, default=ElectionStatus.PREPARING
    )
    base_override = models.PositiveSmallIntegerField(
        _("cơ sở tính (cấp ủy viên đương nhiệm)"),
        null=True,
        blank=True,
        help_text=_("Chỉ cho phiên họp thứ nhất của cấp ủy mới: số cấp ủy viên đương nhiệm"),
    )
    list_votes_for = models.PositiveSmallIntegerField(
        _("biểu quyết thông qua danh sách: tán thành"), null=True, blank=True
    )
    list_votes_against = models.PositiveSmallIntegerField(_("không tán thành"), null=True, blank=True)
    list_votes_abstain = models.PositiveSmallIntegerField(_("không biểu quyết"), null=True, blank=True)
    ballots_issued = models.PositiveSmallIntegerField(_("số phiếu phát ra"), null=True, blank=True)
    clerk_a = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người nhập A"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    clerk_b = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người nhập B"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    session = models.PositiveSmallIntegerField(
        _("lần kiểm phiếu"), default=1, help_text=_("Tăng lên khi kiểm phiếu lại")
    )
    clerk_a_done = models.BooleanField(_("người nhập A đã xong"), default=False, editable=False)
    clerk_b_done = models.BooleanField(_("người nhập B đã xong"), default=False, editable=False)
    result = models.JSONField(_("kết quả"), null=True, blank=True, editable=False)
    chain_fingerprint = models.CharField(
        _("dấu vân tay chuỗi nhập phiếu"), max_length=64, blank=True, editable=False
    )
    chain_seals = models.JSONField(
        _("niêm phong sổ nhập phiếu"),
        default=list,
        blank=True,
        editable=False,
        help_text=_(
            "Độ dài và mã băm cuối của sổ nhập phiếu khi người nhập báo xong, khi Trưởng ban quyết định "
            "phiếu chênh lệch, khi kiểm phiếu và khi công bố"
        ),
    )
    counted_at = models.DateTimeField(_("kiểm phiếu xong lúc"), null=True, blank=True, editable=False)
    certified_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True, editable=False)
    certified_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    decision = models.CharField(
        _("quyết định của đại hội"), max_length=16, choices=Decision.choices, blank=True
    )
    decision_note = models.TextField(_("nội dung quyết định"), blank=True)
    planned_candidate = models.ForeignKey(
        "Candidate",
        verbose_name=_("nhân sự dự kiến"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approval_number = models.CharField(_("số quyết định chuẩn y"), max_length=40, blank=True)
    approval_date = models.DateField(_("ngày quyết định chuẩn y"), null=True, blank=True)

    history = HistoricalRecords()
    search_fields = ("congress__organisation__name",)

    def delete(self, *args, **kwargs):
        from cndp.congress.services import congress_require_open

        congress_require_open(self.congress_id)  # a closed congress's elections stay as they were
        return super().delete(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        from cndp.elections.choices import FIRST_SESSION_KINDS

        if self.kind in FIRST_SESSION_KINDS and self.base_override is None:
            raise ValidationError(
                {
                    "base_override": _(
                        "Phiên họp thứ nhất của cấp ủy: phải ghi số cấp ủy viên đương nhiệm (cơ sở tính)."
                    )
                }
            )

    class Meta:
        verbose_name = _("cuộc bầu cử")
        verbose_name_plural = pgettext_lazy("plural", "cuộc bầu cử")
        ordering = ["congress", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="election_seats_positive"),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} (lần {self.round_number})" if self.round_number > 1 else label

    @property
    def chain_head(self) -> str:
        """The fingerprint at the count as read aloud (mã kiểm tra), e.g. ``7K3F-9QX2-MM4T-0B8D``."""
        return chain.readable(self.chain_fingerprint)

    @property
    def chain_count_seal(self) -> dict | None:
        """The seal taken at the count of the current result (its number of log records)."""
        return next(
            (
                s
                for s in reversed(self.chain_seals or [])
                if s.get("event") == "count" and s.get("hash") == self.chain_fingerprint
            ),
            None,
        )

    @property
    def title(self) -> str:
        return f"{self.get_kind_display()} {self.congress.organisation.name} {self.congress.term_label}"


class Candidate(CndpModel):
    """Người trong danh sách bầu cử."""

    election = models.ForeignKey(
        Election, verbose_name=_("cuộc bầu cử"), on_delete=models.CASCADE, related_name="candidates"
    )
    delegate = models.ForeignKey(
        "congress.Delegate", verbose_name=_("đại biểu"), on_delete=models.PROTECT, related_name="candidacies"
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_sort_key = models.CharField(_("khóa sắp xếp tên"), max_length=255, default="", editable=False)
    ballot_order = models.PositiveSmallIntegerField(_("thứ tự trên phiếu"), default=0)
    source = models.CharField(
        _("nguồn giới thiệu"), max_length=8, choices=CandidateSource.choices, default=CandidateSource.SLATE
    )
    floor_agreement = models.PositiveSmallIntegerField(
        _("số đại biểu tán thành giới thiệu"), null=True, blank=True
    )
    withdrawn = models.BooleanField(_("rút khỏi danh sách"), default=False)
    withdrawal_note = models.CharField(_("đại hội quyết định rút"), max_length=255, blank=True)

    history = HistoricalRecords()
    search_fields = ("full_name",)

    class Meta:
        verbose_name = _("người trong danh sách bầu cử")
        verbose_name_plural = pgettext_lazy("plural", "người trong danh sách bầu cử")
        ordering = ["election", "ballot_order", "name_sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["election", "delegate"], name="candidate_unique_delegate")
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return self.election.get_absolute_url()

    @property
    def tally_id(self) -> str:
        return f"c{self.pk}"


class BallotEntry(models.Model):
    """Một lần nhập phiếu — what one clerk read on one paper ballot (by its number in the pile)."""

    election = models.ForeignKey(
        Election, verbose_name=_("cuộc bầu cử"), on_delete=models.PROTECT, related_name="entries"
    )
    session = models.PositiveSmallIntegerField(_("lần kiểm phiếu"))
    clerk = models.CharField(_("người nhập"), max_length=1, choices=Clerk.choices)
    number = models.PositiveIntegerField(_("số thứ tự phiếu"))
    payload = models.JSONField(_("nội dung phiếu"))
    entered_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người nhập"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phiếu đã nhập")
        verbose_name_plural = pgettext_lazy("plural", "phiếu đã nhập")
        ordering = ["election", "session", "clerk", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "session", "clerk", "number"], name="entry_unique_ballot"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="entry_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.election} — {self.clerk} #{self.number}"


class Settlement(models.Model):
    """Trưởng Ban Kiểm phiếu quyết định một phiếu mà hai người nhập khác nhau."""

    election = models.ForeignKey(
        Election, verbose_name=_("cuộc bầu cử"), on_delete=models.PROTECT, related_name="settlements"
    )
    session = models.PositiveSmallIntegerField(_("lần kiểm phiếu"))
    number = models.PositiveIntegerField(_("số thứ tự phiếu"))
    payload = models.JSONField(_("nội dung phiếu"))
    settled_by = models.ForeignKey(
        "accounts.User", verbose_name=_("người quyết định"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định phiếu chênh lệch")
        verbose_name_plural = pgettext_lazy("plural", "quyết định phiếu chênh lệch")
        ordering = ["election", "session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "session", "number"], name="settlement_unique_ballot")
        ]

    def __str__(self) -> str:
        return f"{self.election} #{self.number}"


class EntryLog(models.Model):
    """Sổ nhập phiếu — append-only, each record chained to the previous by SHA-256."""

    election = models.ForeignKey(
        Election, verbose_name=_("cuộc bầu cử"), on_delete=models.PROTECT, related_name="log"
    )
    seq = models.PositiveIntegerField(_("số thứ tự"))
    action = models.CharField(_("thao tác"), max_length=16)
    record = models.JSONField(_("nội dung"))
    at = models.DateTimeField(_("lúc"))
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("sổ nhập phiếu")
        verbose_name_plural = pgettext_lazy("plural", "sổ nhập phiếu")
        ordering = ["election", "seq"]
        constraints = [models.UniqueConstraint(fields=["election", "seq"], name="log_unique_seq")]

    def __str__(self) -> str:
        return f"{self.election} #{self.seq}"
