"""Forms of local-industry monitoring: which data set, province and period to enter; the numbers typed
in the entry grid (Vietnamese style accepted: `1.234,5`, `1234,5`; or `1234.5`)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cndp.core.forms import Form
from cndp.core.permissions import user_province_id
from cndp.indicators import periods
from cndp.indicators.models import DataSet
from cndp.places.models import Province

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d*)?$")  # 1.234.567 or 1.234,5: dots group thousands


def parse_typed(text: str, decimal: str = ",") -> Decimal | None:
    """A number as typed in the grid: blank → None; spaces ignored. With the Vietnamese decimal comma
    (`decimal=","`): `1.234,5`, `1234,5`, `1.234` or `1.234.567` (dots group thousands) or `1234.5` (a dot not grouping
    with no comma: the decimal point); with the English point: `1,234.5`. ValueError if not a number."""
    text = (text or "").replace("\u00a0", "").replace(" ", "").strip()
    if not text:
        return None
    if decimal == ",":
        if "," in text or _GROUPED.match(text):
            text = text.replace(".", "").replace(",", ".")
    else:
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite():
        raise ValueError(text)
    return number


class PeriodField(forms.Field):
    """A period by its code (202611, 2026Q3, 2026S1, 2026) or as people write it (tháng 11/2026, 11/2026,
    quý III/2026, 6 tháng đầu năm 2026, năm 2026)."""

    widget = forms.TextInput(attrs={"maxlength": 30, "size": 12})

    def __init__(self, *args, max_length=7, **kwargs):
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = str(value or "").strip()
        if not value:
            return None
        try:
            return periods.parse_any(value)
        except ValueError as exc:
            raise ValidationError(
                _(
                    "Kỳ không hợp lệ: dùng 11/2026 hoặc 202611 (tháng), quý III/2026 hoặc 2026Q3 (quý), "
                    "6 tháng đầu năm 2026 hoặc 2026S1 (6 tháng), 2026 (năm)."
                )
            ) from exc


class EntryStartForm(Form):
    """Nhập số liệu: the data set, the period and (for the agency) the province."""

    dataset = forms.ModelChoiceField(label=_("Bộ chỉ tiêu"), queryset=DataSet.objects.none())
    period = PeriodField(
        label=_("Kỳ báo cáo"),
        max_length=7,
        help_text=_("Ví dụ: 11/2026 (tháng), quý III/2026, 6 tháng đầu năm 2026, 2026 (năm)"),
    )
    province = forms.ModelChoiceField(label=_("Tỉnh, thành phố"), queryset=Province.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].queryset = DataSet.objects.order_by("code")
        own = user_province_id(user)
        if own is not None:
            # its unit of the 34 and, for the periods before 1/7/2025, the units of the 63 it took over
            self.fields["province"].queryset = Province.objects.filter(
                Province.scope_choices_q(own)
            ).order_by("-version", "code")
            self.fields["province"].initial = own
            self.fields["province"].required = False  # not chosen: its unit in force at the period's end
        else:
            self.fields["province"].queryset = Province.objects.order_by("-version", "code")
        self.own = own

    def clean(self):
        data = super().clean()
        if data.get("province") is None and self.own is not None and "province" not in self.errors:
            data["province"] = self._own_unit(data.get("period"))
        dataset, period, province = data.get("dataset"), data.get("period"), data.get("province")
        if dataset and period and period.type != dataset.period_type:
            self.add_error(
                "period",
                _("Bộ chỉ tiêu này báo cáo theo kỳ «%(type)s».")
                % {"type": dataset.get_period_type_display()},
            )
        elif province and period and not province.is_valid_at(period.end):
            self.add_error(
                "province",
                _("%(province)s không phải đơn vị hành chính vào ngày cuối %(period)s.")
                % {"province": province.name, "period": period.label},
            )
        return data

    def _own_unit(self, period) -> Province:
        """The officer's unit in force at the period's end: its unit of the 34, or before 1/7/2025 the unit
        of the 63 of the same code (else the first it took over)."""
        units = list(self.fields["province"].queryset)
        own = next(u for u in units if u.pk == self.own)
        if period is None or own.is_valid_at(period.end):
            return own
        valid = [u for u in units if u.is_valid_at(period.end)]
        return next((u for u in valid if u.code == own.code), valid[0] if valid else own)


class ReturnForm(Form):
    comment = forms.CharField(label=_("Nội dung cần sửa, bổ sung"), widget=forms.Textarea(attrs={"rows": 3}))
