"""Users and organisational units (người dùng, đơn vị)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from cndp.accounts.choices import PROVINCIAL_KINDS, Role, UnitKind
from cndp.core.models import CndpModel, RestrictedQuerySet
from cndp.core.text import fold, name_sort_key, nfc


class Unit(CndpModel):
    """Đơn vị — the agency, its departments and centres, provincial Departments of Industry and Trade and
    extension centres, the Party Committee and its cells; a tree through `parent`."""

    code = models.SlugField(_("mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("tên đơn vị"), max_length=200)
    short_name = models.CharField(_("tên viết tắt"), max_length=60, blank=True)
    kind = models.CharField(_("loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        "places.Province",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        help_text=_("Chỉ với đơn vị cấp tỉnh (Sở Công Thương, Trung tâm Khuyến công)"),
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    # The unit's head (thủ trưởng đơn vị): the reporting calendar escalates a late report of the unit to
    # them (obligations' audience "unit_head"). One of the unit's own users.
    head = models.ForeignKey(
        "accounts.User",
        verbose_name=_("thủ trưởng đơn vị"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
        help_text=_(
            "Người đứng đầu đơn vị, là người dùng thuộc đơn vị; nhận thông báo khi đơn vị trễ hạn báo cáo"
        ),
    )
    # Dated existence (party cells: counts at a date count the cells of that date). Empty founded_on:
    # since before the registry; dissolved_on is set when the unit is made inactive.
    founded_on = models.DateField(_("ngày thành lập"), null=True, blank=True)
    dissolved_on = models.DateField(_("ngày giải thể"), null=True, blank=True)

    history = HistoricalRecords()
    search_fields = ("name", "short_name", "code", "province__name")
    scope_path = "province"
    # Scope-relevant fields (core.services.scope_problems): the kind decides whether the unit's users are
    # confined to a province, so a province officer keeps it provincial; the code and the active flag are
    # the agency's register.
    agency_only_fields = ("code", "is_active")
    province_choices = {"kind": PROVINCIAL_KINDS}
    # The fields a user edits and reads, in order (the form and the detail page share them).
    FIELDS = (
        "code",
        "name",
        "short_name",
        "kind",
        "parent",
        "province",
        "address",
        "phone",
        "email",
        "head",
        "is_active",
    )

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind__in=[k.value for k in PROVINCIAL_KINDS])
                | models.Q(province__isnull=False),
                name="unit_provincial_has_province",
            ),
            models.CheckConstraint(
                condition=models.Q(founded_on__isnull=True)
                | models.Q(dissolved_on__isnull=True)
                | models.Q(dissolved_on__gt=models.F("founded_on")),
                name="unit_dissolved_after_founded",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        """A unit made inactive is dissolved today unless a date is given; made active again, it is
        no longer dissolved."""
        from django.utils import timezone

        today = timezone.localdate()
        if not self.is_active and self.dissolved_on is None:
            self.dissolved_on = today
            if self.founded_on is not None and self.founded_on >= self.dissolved_on:
                self.founded_on = None
        elif self.is_active and self.dissolved_on is not None and self.dissolved_on <= today:
            self.dissolved_on = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "is_active" in update_fields:
            kwargs["update_fields"] = {*update_fields, "dissolved_on", "founded_on"}
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        self.name = nfc(self.name)
        if self.kind in PROVINCIAL_KINDS and self.province_id is None:
            raise ValidationError({"province": _("Đơn vị cấp tỉnh phải có tỉnh, thành phố.")})
        if self.province_id and self.province.version != "34":
            raise ValidationError({"province": _("Đơn vị hiện hành phải thuộc danh mục 34 tỉnh, thành phố.")})
        if self.head_id is not None and (self.pk is None or self.head.unit_id != self.pk):
            raise ValidationError({"head": _("Thủ trưởng đơn vị phải là người dùng thuộc đơn vị này.")})
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk and self.pk is not None or node.pk in seen:
                raise ValidationError(
                    {"parent": _("Đơn vị cấp trên không được là chính nó hoặc đơn vị cấp dưới của nó.")}
                )
            seen.add(node.pk)
            node = node.parent


class CndpUserManager(UserManager.from_queryset(RestrictedQuerySet)):
    pass


class User(AbstractUser):
    """Người dùng — a civil servant of the agency or of a province, belonging to one unit."""

    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_sort_key = models.CharField(
        _("khóa sắp xếp tên"), max_length=255, blank=True, default="", editable=False, db_index=True
    )
    search_folded = models.CharField(
        _("chuỗi tìm kiếm"), max_length=500, blank=True, default="", editable=False, db_index=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    is_agency_staff = models.BooleanField(
        _("biên chế của Cục"),
        default=False,
        help_text=_("Cán bộ, công chức, viên chức, nhân viên của Cục (tính tỷ lệ đảng viên)"),
    )
    # Employment at the agency as a dated interval (the staff count at a date is of that date): set by
    # `save()` when `is_agency_staff` changes; an empty start means since before the registry.
    agency_staff_from = models.DateField(_("biên chế của Cục từ ngày"), null=True, blank=True)
    agency_staff_to = models.DateField(
        _("biên chế của Cục đến trước ngày"), null=True, blank=True, help_text=_("Trống: vẫn đang là cán bộ")
    )

    objects = CndpUserManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])
    scope_path = "unit__province"
    search_fields = ("full_name", "username", "email", "unit__name")
    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("plural", "người dùng")
        ordering = ["name_sort_key", "username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(agency_staff_from__isnull=True)
                | models.Q(agency_staff_to__isnull=True)
                | models.Q(agency_staff_to__gt=models.F("agency_staff_from")),
                name="user_agency_staff_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:user_detail", args=[self.pk])

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[-1] if self.full_name else self.username

    @cached_property
    def scope_province_id(self) -> int | None:
        """The province a user is confined to: that of a provincial unit; None for agency users."""
        if self.unit_id is None:
            return None
        unit = self.unit
        return unit.province_id if unit.kind in PROVINCIAL_KINDS else None

    @cached_property
    def scope_unit_id(self) -> int | None:
        """The unit a user is confined to: an officer of a unit of the Ministry (and nothing wider) sees
        only the records that concern that unit (core.permissions, `unit_scope_path`)."""
        if self.unit_id is None or self.unit.kind != UnitKind.MINISTRY:
            return None  # no query for everyone else (the unit is loaded for the province scope anyway)
        roles = set(self.roles)
        if Role.MINISTRY_UNIT_OFFICER in roles and roles <= {Role.MINISTRY_UNIT_OFFICER, Role.PARTY_OFFICER}:
            return self.unit_id
        return None

    @cached_property
    def roles(self) -> list[str]:
        return [g.name for g in self.groups.all()]

    def role_labels(self) -> str:
        labels = dict(Role.choices)
        return ", ".join(str(labels.get(r, r)) for r in self.roles)

    role_labels.short_description = _("vai trò")

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._loaded_agency_staff = user.__dict__.get("is_agency_staff")
        return user

    def _date_agency_staff(self) -> None:
        """Open the employment interval when the user becomes agency staff (today, unless a start is
        given), close it when they stop being so (a start and end on the same day: never employed)."""
        from django.utils import timezone

        was = False if self._state.adding else getattr(self, "_loaded_agency_staff", self.is_agency_staff)
        today = timezone.localdate()
        if self.is_agency_staff and not was:
            if self.agency_staff_to is not None and self.agency_staff_to <= today:
                self.agency_staff_from, self.agency_staff_to = today, None
            elif self.agency_staff_from is None:
                self.agency_staff_from = today
        elif was and not self.is_agency_staff and self.agency_staff_to is None:
            if self.agency_staff_from is not None and self.agency_staff_from >= today:
                self.agency_staff_from = None
            else:
                self.agency_staff_to = today
        self._loaded_agency_staff = self.is_agency_staff

    def save(self, *args, **kwargs):
        self.full_name = nfc(self.full_name)
        self.name_sort_key = name_sort_key(self.full_name or self.username)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "is_agency_staff" in update_fields:
            self._date_agency_staff()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "agency_staff_from", "agency_staff_to"}
        unit_name = self.unit.name if self.unit_id else ""
        self.search_folded = fold(f"{self.full_name} {self.username} {self.email} {unit_name}")[:500]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"full_name", "unit"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_sort_key", "search_folded"}
        super().save(*args, **kwargs)
