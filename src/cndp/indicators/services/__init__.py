"""Writes of local-industry monitoring (ghi số liệu): values with their history, a province's submission
of a data set through the shared reporting calendar, bulk import of the exchange format. The web screens,
the API and `cndp indicators` call these and nothing else writes."""

from cndp.indicators.services.imports import ImportResult, values_import
from cndp.indicators.services.submissions import (
    submission_approve,
    submission_check,
    submission_open,
    submission_return,
    submission_submit,
    submissions_schedule,
)
from cndp.indicators.services.values import value_save, values_save

__all__ = [
    "ImportResult",
    "submission_approve",
    "submission_check",
    "submission_open",
    "submission_return",
    "submission_submit",
    "submissions_schedule",
    "value_save",
    "values_import",
    "values_save",
]
