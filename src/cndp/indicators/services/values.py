"""Saving a province's values (lưu số liệu): one value or a data set's grid for a period, as a draft,
each change kept in the value's history (who, when, old → new)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from cndp.core.permissions import require
from cndp.core.services import ServiceError, scope_check
from cndp.core.text import nfc
from cndp.indicators import periods, rules
from cndp.indicators.choices import ValueState
from cndp.indicators.models import DataSet, DataValue, Indicator
from cndp.places.models import Province


def as_decimal(value) -> Decimal | None:
    """A value typed or sent: None for blank; ServiceError when not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ServiceError(_("Giá trị phải là một số."))
    try:
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation as exc:
        raise ServiceError(_("Giá trị phải là một số.")) from exc
    if not number.is_finite() or abs(number) >= Decimal(10) ** 18:
        raise ServiceError(_("Giá trị phải là một số."))
    return number


def check_place_and_period(indicator: Indicator, province: Province, period: periods.Period) -> None:
    if period.type != indicator.period_type:
        raise ServiceError(
            _("Chỉ tiêu %(code)s có kỳ số liệu «%(type)s».")
            % {"code": indicator.code, "type": indicator.get_period_type_display()}
        )
    if not province.is_valid_at(period.end):
        raise ServiceError(
            _("%(province)s không phải đơn vị hành chính vào ngày cuối %(period)s.")
            % {"province": province.name, "period": period.label}
        )


def _save_one(*, user, indicator, province, period, value, comment, existing) -> DataValue | None:
    number = as_decimal(value)
    comment = nfc(comment or "")
    if number is not None:
        problem = rules.range_issue(indicator.as_spec(), number)
        if problem:
            raise ServiceError(f"{indicator.code}: " + _(problem.message) % dict(problem.params))
    if existing is not None:
        require(user, "change", existing)
        if existing.state != ValueState.DRAFT:
            raise ServiceError(_("Số liệu đã gửi hoặc đã duyệt, không sửa được."))
        if number is None:
            existing._history_user = user
            existing.delete()
            return None
        if existing.value == number and existing.comment == comment:
            return existing
        existing.value, existing.comment = number, comment
        existing._history_user = user
        existing.save(update_fields=["value", "comment"])
        return existing
    if number is None:
        return None
    require(user, "add", DataValue)
    obj = DataValue(
        indicator=indicator,
        province=province,
        period_type=period.type,
        period_start=period.start,
        value=number,
        comment=comment,
    )
    obj.derive_province_current()
    scope_check(user=user, instance=obj)
    obj._history_user = user
    obj.save()
    return obj


@transaction.atomic
def value_save(
    *, user, indicator: Indicator, province: Province, period: periods.Period, value, comment: str = ""
) -> DataValue | None:
    """Lưu một số liệu (bản nháp): a blank value removes a draft; refused outside the user's province,
    outside the indicator's valid range, or once submitted or approved."""
    check_place_and_period(indicator, province, period)
    probe = DataValue(
        indicator=indicator, province=province, period_type=period.type, period_start=period.start
    )
    probe.derive_province_current()
    scope_check(user=user, instance=probe)
    existing = (
        DataValue.objects.select_for_update()
        .filter(indicator=indicator, province=province, period_start=period.start)
        .first()
    )
    return _save_one(
        user=user,
        indicator=indicator,
        province=province,
        period=period,
        value=value,
        comment=comment,
        existing=existing,
    )


@transaction.atomic
def values_save(
    *,
    user,
    dataset: DataSet,
    province: Province,
    period: periods.Period,
    entries: Mapping[str, tuple[object, str]],
) -> dict[str, DataValue | None]:
    """Lưu bảng nhập của một bộ chỉ tiêu — `entries` maps an indicator code to (value, comment); all or
    nothing (the first refusal names the indicator). Returns the saved values by code."""
    if period.type != dataset.period_type:
        raise ServiceError(_("Kỳ không đúng kỳ báo cáo của bộ chỉ tiêu."))
    indicators = {
        m.indicator.code: m.indicator for m in dataset.members.select_related("indicator").order_by("order")
    }
    unknown = sorted(set(entries) - set(indicators))
    if unknown:
        raise ServiceError(_("Chỉ tiêu không thuộc bộ chỉ tiêu: %(codes)s") % {"codes": ", ".join(unknown)})
    probe = DataValue(province=province, period_type=period.type, period_start=period.start)
    probe.derive_province_current()
    scope_check(user=user, instance=probe)
    existing = {
        v.indicator.code: v
        for v in DataValue.objects.select_for_update()
        .select_related("indicator")
        .filter(indicator__in=indicators.values(), province=province, period_start=period.start)
    }
    out = {}
    for code, (value, comment) in entries.items():
        check_place_and_period(indicators[code], province, period)
        out[code] = _save_one(
            user=user,
            indicator=indicators[code],
            province=province,
            period=period,
            value=value,
            comment=comment,
            existing=existing.get(code),
        )
    return out
