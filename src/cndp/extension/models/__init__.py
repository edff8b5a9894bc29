"""Every model of the app, wherever its feature package keeps it (the migrations and the app label
`extension` see one set)."""

from cndp.extension.appraisal.models import Appraisal, AppraisalScore
from cndp.extension.models.reference import (
    ActivityType,
    AnnualFund,
    FundingCap,
    PriorityArea,
    Programme,
    ProgrammeTarget,
    Rubric,
    RubricCriterion,
    ScheduleRule,
    Trade,
    valid_at,
)
from cndp.extension.progress.models import OUTPUTS, ProgressReport, ProjectDocument
from cndp.extension.projects.models import (
    Beneficiary,
    LedgerEntry,
    Project,
    ProjectCodeSequence,
    ProjectTransition,
)

__all__ = [
    "OUTPUTS",
    "ProgressReport",
    "ProjectDocument",
    "ScheduleRule",
    "ActivityType",
    "AnnualFund",
    "Appraisal",
    "AppraisalScore",
    "Beneficiary",
    "FundingCap",
    "LedgerEntry",
    "PriorityArea",
    "Programme",
    "ProgrammeTarget",
    "Project",
    "ProjectCodeSequence",
    "ProjectTransition",
    "Rubric",
    "RubricCriterion",
    "Trade",
    "valid_at",
]
