from cndp.extension.models.project import (
    Appraisal,
    AppraisalScore,
    Beneficiary,
    LedgerEntry,
    Project,
    ProjectTransition,
)
from cndp.extension.models.reference import (
    ActivityType,
    AnnualFund,
    FundingCap,
    PriorityArea,
    Programme,
    ProgrammeTarget,
    Rubric,
    RubricCriterion,
    Trade,
    valid_at,
)

__all__ = [
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
    "ProjectTransition",
    "Rubric",
    "RubricCriterion",
    "Trade",
    "valid_at",
]
