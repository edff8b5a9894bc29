"""Numbers on the screens in the active language's format (số theo ngôn ngữ đang dùng): Vietnamese
"147.311,0" and "2.126", English "147,311.0" and "2,126" — the separators of `cndp.formats.<lang>`, the same
ones Django's `localize` and `floatformat` use, so a page never mixes two styles.

Official Vietnamese documents (minutes, ballots, cards, the synthesis) keep `cndp.core.text.format_number`:
they are Vietnamese documents whatever the reader's interface language."""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import get_format

from cndp.core.text import format_number, format_percent

__all__ = ["number", "percent", "percent_of", "separators"]


def separators() -> dict[str, str]:
    """The active language's decimal and thousand separators, as format_number's keyword arguments."""
    return {
        "decimal_separator": get_format("DECIMAL_SEPARATOR"),
        "thousand_separator": get_format("THOUSAND_SEPARATOR"),
    }


def number(value: int | float | Decimal, decimals: int = 0) -> str:
    """1234567.25 → '1.234.567,3' (vi) or '1,234,567.3' (en) with one decimal; half up."""
    return format_number(value, decimals, **separators())


def percent(value: int | float | Decimal, decimals: int = 1) -> str:
    """A percentage already computed: 95.238 → '95,2 %' (vi) or '95.2 %' (en)."""
    return number(value, decimals) + " %"


def percent_of(numerator: int, denominator: int, decimals: int = 1) -> str:
    """56 of 79 → '70,9 %' (vi) or '70.9 %' (en); 0 when the denominator is 0."""
    return format_percent(numerator, denominator, decimals, **separators())
