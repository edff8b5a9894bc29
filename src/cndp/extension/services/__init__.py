"""Writes for industrial extension (ghi dữ liệu khuyến công): the services views, the API, imports and the
demo call. `projects` registers and moves projects; `funds` appraises, selects and disburses."""

from cndp.extension.imports.services import project_import
from cndp.extension.progress.services import (
    document_add,
    report_review,
    report_submit,
    reports_schedule,
)
from cndp.extension.services.funds import (
    SelectionProposal,
    appraisal_record,
    disbursement_record,
    selection_confirm,
    selection_propose,
)
from cndp.extension.services.projects import (
    PROJECT_FIELDS,
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
