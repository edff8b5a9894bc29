from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from cndp.clusters.forms import CLUSTER_FIELDS
from cndp.clusters.models import Cluster, ClusterCondition, ClusterDecision, ClusterReport, SecondaryProject
from cndp.core.api.serializers import NFCModelSerializer

CLUSTER_READ_ONLY = [
    "id",
    "province_current",
    "status",
    "established_on",
    "established_area",
    "occupancy",
    "revenue",
    "budget_paid",
    "flagged",
    "flags",
]


class ClusterSerializer(NFCModelSerializer):
    """Read: the cluster with its derived figures (status, occupancy in [0, 1], the Decree 32 conditions
    it breaks). Write: the register's own fields, through services.cluster_save (size refused, scope)."""

    flags = serializers.SerializerMethodField()

    class Meta:
        model = Cluster
        fields = [*CLUSTER_READ_ONLY, *CLUSTER_FIELDS]
        read_only_fields = CLUSTER_READ_ONLY

    def get_flags(self, obj) -> list[dict]:
        from cndp.clusters.services import flag_text

        return [
            {"code": f["code"], "text": flag_text(f), "legal_basis": f.get("basis", "")}
            for f in obj.flags or []
        ]


class DecisionSerializer(NFCModelSerializer):
    recorded_by = serializers.StringRelatedField()

    class Meta:
        model = ClusterDecision
        fields = [
            "id",
            "cluster",
            "kind",
            "from_status",
            "to_status",
            "number",
            "date",
            "issuer",
            "area",
            "note",
            "recorded_by",
        ]
        read_only_fields = fields


@extend_schema_serializer(component_name="ClusterProject")
class ProjectSerializer(NFCModelSerializer):
    class Meta:
        model = SecondaryProject
        fields = ["id", *SecondaryProject.FIELDS, "revenue", "budget_paid"]
        read_only_fields = fields


class ReportSerializer(NFCModelSerializer):
    state = serializers.CharField(source="obligation.state", read_only=True, default="")
    due_on = serializers.DateField(source="obligation.due_on", read_only=True, default=None)

    class Meta:
        model = ClusterReport
        fields = [
            "id",
            "form",
            "year",
            "period",
            "period_end",
            "province",
            "cluster",
            "project",
            "commune",
            "state",
            "due_on",
            *ClusterReport.FORM02_FIELDS,
            "rows",
            "signed_by",
            "signed_at",
            "applied_at",
        ]
        read_only_fields = fields


class ConditionSerializer(NFCModelSerializer):
    class Meta:
        model = ClusterCondition
        fields = ["id", *ClusterCondition.FIELDS]
        read_only_fields = fields
