from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from cndp.core.api.serializers import NFCModelSerializer
from cndp.followup.models import (
    Assignment,
    DeadlineExtension,
    Leader,
    Notice,
    ProgressReport,
    Task,
    WorkingSession,
)


class LeaderSerializer(NFCModelSerializer):
    class Meta:
        model = Leader
        fields = ("id", "full_name", "position", "email", "rank", "is_active")
        read_only_fields = fields


class WorkingSessionSerializer(NFCModelSerializer):
    class Meta:
        model = WorkingSession
        fields = ("id", "date", "leader", "province", "place", "topic", "participants")
        read_only_fields = fields


class NoticeSerializer(NFCModelSerializer):
    class Meta:
        model = Notice
        fields = ("id", "session", "number", "date", "signer", "title")
        read_only_fields = fields


class AssignmentSerializer(NFCModelSerializer):
    class Meta:
        model = Assignment
        fields = ("id", "unit", "role", "percent", "last_report_on")
        read_only_fields = fields


class TaskSerializer(NFCModelSerializer):
    assignments = AssignmentSerializer(many=True, read_only=True)
    gov_status = serializers.CharField(source="gov", read_only=True)

    class Meta:
        model = Task
        fields = (
            "id",
            "notice",
            "place",
            "content",
            "lead_unit",
            "province",
            "leader",
            "deadline_kind",
            "deadline",
            "original_deadline",
            "state",
            "gov_status",
            "percent",
            "completed_on",
            "assignments",
        )
        read_only_fields = fields


@extend_schema_serializer(component_name="TaskProgressReport")
class ProgressReportSerializer(NFCModelSerializer):
    """Báo cáo tiến độ nhiệm vụ (named apart from the extension's progress report in the schema)."""

    class Meta:
        model = ProgressReport
        fields = ("id", "assignment", "reported_on", "text", "percent", "done", "verdict", "verdict_comment")
        read_only_fields = ("id", "reported_on", "verdict", "verdict_comment")


class DeadlineExtensionSerializer(NFCModelSerializer):
    class Meta:
        model = DeadlineExtension
        fields = (
            "id",
            "task",
            "old_kind",
            "old_deadline",
            "new_deadline",
            "reason",
            "agreed_by",
            "agreed_on",
        )
        read_only_fields = fields
