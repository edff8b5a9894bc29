from rest_framework import serializers

from cndp.core.api.serializers import NFCModelSerializer
from cndp.extension.choices import ProjectStatus, ReportStatus
from cndp.extension.models import (
    ActivityType,
    AnnualFund,
    Beneficiary,
    FundingCap,
    PriorityArea,
    Programme,
    ProgressReport,
    Project,
    ProjectTransition,
    Rubric,
    RubricCriterion,
    ScheduleRule,
    Trade,
)
from cndp.extension.progress.models import ESCALATION_LABELS
from cndp.extension.projects.services import PROJECT_INPUT_FIELDS

DATED = ["valid_from", "valid_to", "legal_basis"]


STATUS_HELP = "Một trong: " + ", ".join(ProjectStatus.values)


class TransitionSerializer(NFCModelSerializer):
    # Plain strings (the values of ProjectStatus), so the schema has one status vocabulary, not three enums.
    source = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    target = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    actor = serializers.StringRelatedField()

    class Meta:
        model = ProjectTransition
        fields = ["source", "target", "actor", "at", "comment", "decision_number", "decision_date"]
        read_only_fields = fields


class ProjectSerializer(NFCModelSerializer):
    """Read: the project with its province (of the plan date and today's), status and score. Write (create,
    and update while editable): the proposal's own fields, through services.project_create/update."""

    province_current = serializers.PrimaryKeyRelatedField(read_only=True)
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Project
        # The writable fields are the form's, no more (what a province officer may set is the same on both).
        fields = [
            "id",
            "code",
            *PROJECT_INPUT_FIELDS,
            "province_current",
            "total_funds",
            "approved_funds",
            "status",
            "status_label",
            "registered_on",
            "score",
        ]
        read_only_fields = [
            "code",
            "total_funds",
            "approved_funds",
            "status",
            "registered_on",
            "score",
        ]
        extra_kwargs = {"programme": {"required": False}}


class ProjectDetailSerializer(ProjectSerializer):
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "transitions"]


class BeneficiarySerializer(NFCModelSerializer):
    class Meta:
        model = Beneficiary
        fields = [
            "id",
            "project",
            "name",
            "kind",
            "tax_code",
            "address",
            "labour",
            "women_owned",
            "ethnic_minority_owned",
        ]


class ProgrammeSerializer(NFCModelSerializer):
    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "name",
            "scope",
            "province",
            "phase_start",
            "phase_end",
            *DATED,
            "description",
        ]


class ActivityTypeSerializer(NFCModelSerializer):
    class Meta:
        model = ActivityType
        fields = ["id", "code", "name", "order", *DATED]


class FundingCapSerializer(NFCModelSerializer):
    class Meta:
        model = FundingCap
        fields = [
            "id",
            "activity_type",
            "province",
            "share_percent",
            "max_amount",
            "per",
            "line_multiplier",
            "multiplier_note",
            *DATED,
            "confirmed",
        ]


class TradeSerializer(NFCModelSerializer):
    class Meta:
        model = Trade
        fields = ["id", "code", "name", "order", *DATED]


class PriorityAreaSerializer(NFCModelSerializer):
    class Meta:
        model = PriorityArea
        fields = ["id", "code", "kind", "name", "order", *DATED]


class RubricCriterionSerializer(NFCModelSerializer):
    class Meta:
        model = RubricCriterion
        fields = ["code", "name", "weight", "order"]
        read_only_fields = fields


class RubricSerializer(NFCModelSerializer):
    criteria = RubricCriterionSerializer(many=True, read_only=True)

    class Meta:
        model = Rubric
        fields = ["id", "code", "name", "scale", "pass_score", "min_reviewers", *DATED, "criteria"]


class AnnualFundSerializer(NFCModelSerializer):
    class Meta:
        model = AnnualFund
        fields = ["id", "programme", "year", "amount", "decision", "note"]


class ProgressReportSerializer(NFCModelSerializer):
    """Báo cáo tiến độ (read-only here: submission and review go through their own pages and services).
    The period, due date, state, submissions, review and escalation are the report's obligation's."""

    project_code = serializers.CharField(source="project.code", read_only=True)
    period_end = serializers.DateField(read_only=True)
    due_on = serializers.DateField(read_only=True)
    status = serializers.ChoiceField(choices=ReportStatus.choices, read_only=True)
    submissions = serializers.IntegerField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    reviewed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    review_comment = serializers.CharField(read_only=True)
    escalation = serializers.ChoiceField(choices=list(ESCALATION_LABELS.items()), read_only=True)
    escalated_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "project_code",
            *(f for f in ProgressReport.FIELDS if f not in ("submitted_by", "reviewed_by", "reminded_on")),
        ]
        read_only_fields = fields


class ScheduleRuleSerializer(NFCModelSerializer):
    class Meta:
        model = ScheduleRule
        fields = ["id", *ScheduleRule.FIELDS]


class ReportSubmitSerializer(serializers.Serializer):
    """Nộp báo cáo tiến độ: progress and the outputs achieved so far (cumulative)."""

    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    narrative = serializers.CharField()
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    trainees = serializers.IntegerField(min_value=0, default=0)
    models = serializers.IntegerField(min_value=0, default=0)
    machines = serializers.IntegerField(min_value=0, default=0)
    products = serializers.IntegerField(min_value=0, default=0)
    jobs = serializers.IntegerField(min_value=0, default=0)


class ReportReviewSerializer(serializers.Serializer):
    """Xem xét báo cáo: accepted, or needs_revision with what to add."""

    verdict = serializers.ChoiceField(choices=["accepted", "needs_revision"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")
