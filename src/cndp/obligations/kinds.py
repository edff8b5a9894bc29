"""The kinds of obligation (loại nghĩa vụ báo cáo): each domain app registers what it is owed, so the
calendar never imports a domain app (the import contract in pyproject.toml).

    register(Kind("extension.progress", _("Báo cáo tiến độ đề án khuyến công"),
                  still_owed=lambda: Q(...)))   # in the app's AppConfig.ready()
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Kind:
    key: str  # "app.what", stored on Obligation.kind and listed on CalendarRule.kinds
    label: str  # Vietnamese, for lists and e-mail subjects ("báo cáo tiến độ đề án khuyến công")
    short: str = ""  # a shorter noun for the agency's e-mail ("báo cáo tiến độ"); label when empty
    # An extra condition on Obligation for "still owed" (e.g. the project is still running); None: all.
    still_owed: Callable[[], Q] | None = None
    # Where the owing side submits, shown in e-mails ("Khuyến công › Báo cáo tiến độ").
    where: str = ""
    # May an agency-wide officer submit for the owing side (extension: the agency reports for a province)?
    agency_may_submit: bool = False
    # Submitted and reviewed on the thing's own page, with its content (a progress report's figures):
    # the calendar's own submit and review buttons and API action are not offered for it.
    own_page: bool = False
    # Called, in the same transaction, with the obligations of this kind the calendar has just re-dated
    # (a rule edited: their new period_end / due_on already saved), so a copy the domain keeps (the
    # progress report's due date its list is ordered by) follows. None: nothing to follow.
    redated: Callable[[list], None] | None = None


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> None:
    _KINDS[kind.key] = kind


def get(key: str) -> Kind:
    return _KINDS.get(key) or Kind(key, key)


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: k.key)


def choices() -> list[tuple[str, str]]:
    return [(k.key, k.label) for k in all_kinds()]
