"""Writes for industrial extension (ghi dữ liệu khuyến công), one import for the API, the demo and the tests:
each service lives in its feature package — `projects.services` registers, edits, moves a project and
records its disbursements; `appraisal.services` appraises and selects; `progress.services` schedules,
submits and reviews progress reports; `imports.services` imports past projects."""

from cndp.extension.appraisal.services import (
    SelectionProposal,
    appraisal_record,
    selection_confirm,
    selection_propose,
)
from cndp.extension.imports.services import project_import
from cndp.extension.progress.services import (
    document_add,
    report_review,
    report_submit,
    reports_schedule,
)
from cndp.extension.projects.services import (
    PROJECT_FIELDS,
    disbursement_record,
    project_create,
    project_problems,
    project_transition,
    project_update,
    user_roles,
)

__all__ = [
    "PROJECT_FIELDS",
    "SelectionProposal",
    "appraisal_record",
    "disbursement_record",
    "document_add",
    "report_review",
    "report_submit",
    "reports_schedule",
    "project_create",
    "project_import",
    "project_problems",
    "project_transition",
    "project_update",
    "selection_confirm",
    "selection_propose",
    "user_roles",
]
