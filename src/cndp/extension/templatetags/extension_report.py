"""Number formats of the extension report in the active language's style (vi "1.234,5", en "1,234.5"):
money in millions of đồng, percentages."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

from cndp.core.numbers import number as format_number
from cndp.extension.reports import rules as reports

register = template.Library()

DASH = "–"


@register.filter
def million(amount) -> str:
    """đồng → '1.234,5' (triệu đồng, one decimal; '1,234.5' in English)."""
    if amount is None or amount == "":
        return DASH
    return format_number(reports.millions(int(amount)), 1)


@register.filter
def percent(value, decimals: int = 1) -> str:
    """Decimal('95.238') → '95,2 %'; None (no base) → '–'."""
    if value is None or value == "":
        return DASH
    return f"{format_number(Decimal(value), int(decimals))} %"


@register.filter
def signed_percent(value) -> str:
    """Growth: '+3,0 %', '−1,4 %', '–' without a base."""
    if value is None or value == "":
        return DASH
    text = format_number(abs(Decimal(value)), 1)
    shown = abs(Decimal(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if Decimal(value) > 0 and shown:
        return f"+{text} %"
    if Decimal(value) < 0 and shown:
        return f"−{text} %"
    return f"{text} %"


@register.filter
def number(value) -> str:
    """1234 → '1.234' ('1,234' in English)."""
    if value is None or value == "":
        return DASH
    return format_number(value)
