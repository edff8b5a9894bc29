from rest_framework import serializers

from cndp.indicators.models import DataValue, Submission


class DataValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", read_only=True)
    province_code = serializers.CharField(source="province.code", read_only=True)
    period = serializers.SerializerMethodField()

    class Meta:
        model = DataValue
        fields = ("id", "indicator", "province", "province_code", "period", "period_type", "period_start", "value",
                  "comment", "state")  # fmt: skip
        read_only_fields = fields

    def get_period(self, obj) -> str:
        return obj.period.code


class SubmissionSerializer(serializers.ModelSerializer):
    dataset = serializers.CharField(source="dataset.code", read_only=True)
    province_code = serializers.CharField(source="province.code", read_only=True)
    period = serializers.SerializerMethodField()
    state = serializers.CharField(source="obligation.state", read_only=True, default="pending")
    due_on = serializers.DateField(source="obligation.due_on", read_only=True, default=None)

    class Meta:
        model = Submission
        fields = ("id", "dataset", "province", "province_code", "period", "period_start", "obligation", "state",
                  "due_on")  # fmt: skip
        read_only_fields = fields

    def get_period(self, obj) -> str:
        return obj.period.code


class AggregateRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    name = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    complete = serializers.BooleanField()
    components = serializers.IntegerField()


class AggregateSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    period = serializers.CharField()
    by = serializers.CharField()
    rows = AggregateRowSerializer(many=True)


class CompletenessRowSerializer(serializers.Serializer):
    province = serializers.IntegerField()
    province_code = serializers.CharField()
    name = serializers.CharField()
    submission = serializers.IntegerField(allow_null=True)
    status = serializers.ChoiceField(choices=["on_time", "late", "missing", "returned", "not_due"])
    state = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    first_submitted = serializers.DateTimeField(allow_null=True)


class CompletenessSerializer(serializers.Serializer):
    dataset = serializers.CharField()
    period = serializers.CharField()
    rows = CompletenessRowSerializer(many=True)
