"""Roles (vai trò) and their permissions — the one table a reviewer reads to know who may do what.

Each role is a Django group of the same code name. `roles_sync()` (run after every migrate) makes the
groups hold exactly these permissions. Province scoping is not a permission: it follows from the user's
unit (a provincial unit confines the user to its province; see core.permissions).
"""

from __future__ import annotations

from cndp.accounts.choices import Role

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
ALL = (VIEW, ADD, CHANGE, DELETE)

# Industrial extension: reference data (read by provinces) and the project records.
EXTENSION_REFERENCE = (
    "programme",
    "programmetarget",
    "activitytype",
    "fundingcap",
    "trade",
    "priorityarea",
    "rubric",
    "rubriccriterion",
    "annualfund",
    "schedulerule",
)
EXTENSION_MODELS = (
    *EXTENSION_REFERENCE,
    "project",
    "beneficiary",
    "projecttransition",
    "appraisal",
    "appraisalscore",
    "ledgerentry",
    "progressreport",
    "projectdocument",
)

# The reporting calendar: the rules are the agency's; an obligation is submitted ("change") by the owing
# side and reviewed ("add") by the agency.
OBLIGATION_MODELS = ("calendarrule", "escalationstep", "obligation", "obligationstep")

# Follow-up of leaders' conclusions: the agency keeps the notices and tasks; a unit assigned (a province's
# Department among them) reports on its part ("add" a progress report; services.may_report checks it is
# the unit assigned).
FOLLOWUP_MODELS = (
    "leader",
    "workingsession",
    "notice",
    "task",
    "assignment",
    "progressreport",
    "deadlineextension",
)

# Industrial clusters: the register (a province officer keeps its province's clusters, projects and
# decisions and enters its reports; the agency reviews them) and the Decree 32 conditions (the agency's).
CLUSTER_MODELS = ("cluster", "clusterdecision", "secondaryproject", "clusterreport", "clustercondition")

# Local-industry monitoring: indicators and data sets are the agency's reference data; a province officer
# enters its province's values and submits its data sets (the submission is an obligation of the shared
# calendar: "change" there); the agency approves or returns them.
INDICATOR_REFERENCE = ("indicator", "dataset", "datasetindicator", "validationrule")
INDICATOR_MODELS = (*INDICATOR_REFERENCE, "datavalue", "submission")

# role → {"app.model": actions}
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    Role.ADMIN: {"*": ALL},
    Role.AGENCY_OFFICER: {
        "places.province": (VIEW,),
        "places.region": (VIEW, ADD, CHANGE),
        "accounts.unit": (VIEW, ADD, CHANGE),
        "accounts.user": (VIEW,),
        **{f"extension.{m}": ALL for m in EXTENSION_MODELS},
        **{f"obligations.{m}": ALL for m in OBLIGATION_MODELS},
        **{f"followup.{m}": ALL for m in FOLLOWUP_MODELS},
        **{f"clusters.{m}": ALL for m in CLUSTER_MODELS},
        **{f"indicators.{m}": ALL for m in INDICATOR_MODELS},
    },
    Role.PROVINCE_OFFICER: {
        "places.province": (VIEW,),
        "places.region": (VIEW,),
        "accounts.unit": (VIEW, CHANGE),
        "accounts.user": (VIEW,),
        **{f"extension.{m}": (VIEW,) for m in EXTENSION_REFERENCE},
        "extension.project": (VIEW, ADD, CHANGE),  # scoped to the officer's province
        "extension.beneficiary": (VIEW, ADD, CHANGE),
        "extension.projecttransition": (VIEW,),
        "extension.ledgerentry": (VIEW,),
        "extension.progressreport": (VIEW, CHANGE),  # submits its province's reports
        "extension.projectdocument": (VIEW, ADD),
        "obligations.calendarrule": (VIEW,),
        "obligations.escalationstep": (VIEW,),
        "obligations.obligation": (VIEW, CHANGE),  # submits its province's reports
        "clusters.cluster": (VIEW, ADD, CHANGE),  # scoped to the officer's province
        "clusters.clusterdecision": (VIEW, ADD),
        "clusters.secondaryproject": (VIEW, ADD, CHANGE),
        "clusters.clusterreport": (VIEW, CHANGE),  # enters and submits its province's reports
        "clusters.clustercondition": (VIEW,),
        **{f"indicators.{m}": (VIEW,) for m in INDICATOR_REFERENCE},
        "indicators.datavalue": (VIEW, ADD, CHANGE),  # its province's values, until submitted
        "indicators.submission": (VIEW, CHANGE),  # submits its province's data sets
        "obligations.obligationstep": (VIEW,),
        # the tasks concerning its province (not the leaders' register and their weekly digest)
        **{f"followup.{m}": (VIEW,) for m in FOLLOWUP_MODELS if m != "leader"},
        "followup.progressreport": (VIEW, ADD),  # its Department reports on the tasks assigned to it
    },
    # An officer of a unit of the Ministry (Vụ, Cục, Văn phòng Bộ): only the tasks its unit leads or
    # coordinates (core.permissions confines it to them through `unit_scope_path`), reports on its part
    # and submits its unit's obligations; neither the agency's register nor the leaders' digest.
    Role.MINISTRY_UNIT_OFFICER: {
        "places.province": (VIEW,),
        "accounts.unit": (VIEW,),
        "obligations.calendarrule": (VIEW,),
        "obligations.escalationstep": (VIEW,),
        "obligations.obligation": (VIEW, CHANGE),  # submits its unit's reports
        "obligations.obligationstep": (VIEW,),
        **{f"followup.{m}": (VIEW,) for m in FOLLOWUP_MODELS if m != "leader"},
        "followup.progressreport": (VIEW, ADD),  # reports on its unit's part of a task
    },
    Role.PARTY_OFFICER: {
        "places.province": (VIEW,),
        "accounts.unit": (VIEW,),
        "accounts.user": (VIEW,),
        "party.member": ALL,
        "party.memberevent": ALL,
        "congress.congress": ALL,
        "congress.delegate": ALL,
        "congress.agendaitem": ALL,
        "congress.organmember": ALL,
        "congress.vote": ALL,
        "congress.draftdocument": ALL,
        "congress.documentsection": ALL,
        "congress.comment": ALL,
        "elections.election": ALL,
        "elections.candidate": ALL,
        "elections.countingboardmember": ALL,
    },
    # Counting needs the congress, its delegates (names, official or not, present) and the elections;
    # not the Party's member records (birth dates, card numbers), which the board must not read or export.
    Role.COUNTING_BOARD: {
        "accounts.unit": (VIEW,),
        "congress.congress": (VIEW,),
        "congress.delegate": (VIEW,),
        "congress.agendaitem": (VIEW,),
        "congress.organmember": (VIEW,),
        "congress.vote": (VIEW,),
        "congress.draftdocument": (VIEW,),
        "congress.documentsection": (VIEW,),
        "congress.comment": (VIEW,),
        "elections.election": (VIEW,),
        "elections.candidate": (VIEW,),
        "elections.countingboardmember": (VIEW,),
    },
    Role.LEADER: {
        "places.province": (VIEW,),
        "places.region": (VIEW,),
        "accounts.unit": (VIEW,),
        "accounts.user": (VIEW,),
        "party.member": (VIEW,),
        "party.memberevent": (VIEW,),
        "congress.congress": (VIEW,),
        "congress.delegate": (VIEW,),
        "congress.agendaitem": (VIEW,),
        "congress.organmember": (VIEW,),
        "congress.vote": (VIEW,),
        "congress.draftdocument": (VIEW,),
        "congress.documentsection": (VIEW,),
        "congress.comment": (VIEW,),
        "elections.election": (VIEW,),
        "elections.candidate": (VIEW,),
        "elections.countingboardmember": (VIEW,),
        **{f"extension.{m}": (VIEW,) for m in EXTENSION_MODELS},
        **{f"obligations.{m}": (VIEW,) for m in OBLIGATION_MODELS},
        **{f"followup.{m}": (VIEW,) for m in FOLLOWUP_MODELS},
        **{f"clusters.{m}": (VIEW,) for m in CLUSTER_MODELS},
        **{f"indicators.{m}": (VIEW,) for m in INDICATOR_MODELS},
    },
}

# Models whose permissions the administrator role covers with "*".
ADMIN_APPS = (
    "places",
    "accounts",
    "party",
    "congress",
    "elections",
    "obligations",
    "extension",
    "clusters",
    "indicators",
    "followup",
    "core",
)
