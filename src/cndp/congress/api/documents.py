"""Read-only API of draft documents (with their sections) and comments; writes go through the services
on the document page."""

from rest_framework import serializers

from cndp.congress.documents.choices import Answer
from cndp.congress.documents.filtersets import CommentFilterSet, DraftDocumentFilterSet
from cndp.congress.models import Comment, DocumentSection, DraftDocument
from cndp.core.api.serializers import NFCModelSerializer
from cndp.core.api.views import RestrictedReadOnlyViewSet


class DocumentSectionSerializer(NFCModelSerializer):
    class Meta:
        model = DocumentSection
        fields = ["id", "number", "title", "text", "order"]
        read_only_fields = fields


class DraftDocumentSerializer(NFCModelSerializer):
    sections = DocumentSectionSerializer(many=True, read_only=True)

    class Meta:
        model = DraftDocument
        fields = [
            "id",
            "congress",
            "kind",
            "title",
            "version",
            "issued_on",
            "status",
            "closed_at",
            "sections",
        ]
        read_only_fields = fields


class CommentSerializer(NFCModelSerializer):
    document = serializers.IntegerField(source="section.document_id", read_only=True)
    author_name = serializers.CharField(read_only=True)
    # Read-only fields lose `allow_blank`; declared so the schema admits "" (not answered yet).
    answer = serializers.ChoiceField(choices=Answer.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Comment
        fields = [
            "id",
            "document",
            "section",
            "author_kind",
            "delegate",
            "cell",
            "author_name",
            "content",
            "submitted_at",
            "answer",
            "explanation",
            "answered_at",
        ]
        read_only_fields = fields


class DraftDocumentViewSet(RestrictedReadOnlyViewSet):
    queryset = DraftDocument.objects.prefetch_related("sections")
    serializer_class = DraftDocumentSerializer
    filterset_class = DraftDocumentFilterSet


class CommentViewSet(RestrictedReadOnlyViewSet):
    queryset = Comment.objects.select_related("section", "delegate__cell", "cell")
    serializer_class = CommentSerializer
    filterset_class = CommentFilterSet
