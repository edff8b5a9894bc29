"""Filters of draft documents and comments (one per model: list, API and Excel export)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cndp.accounts.choices import UnitKind
from cndp.accounts.models import Unit
from cndp.congress.documents.choices import Answer, AuthorKind, DocumentKind, DocumentStatus
from cndp.congress.models import Comment, Congress, DraftDocument
from cndp.core.filtersets import BaseFilterSet


class DraftDocumentFilterSet(BaseFilterSet):
    congress = django_filters.ModelChoiceFilter(label=_("Đại hội"), queryset=Congress.objects.all())
    kind = django_filters.ChoiceFilter(label=_("Loại văn kiện"), choices=DocumentKind.choices)
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=DocumentStatus.choices)
    unanswered = django_filters.BooleanFilter(label=_("Còn ý kiến chưa trả lời"), method="filter_unanswered")

    class Meta(BaseFilterSet.Meta):
        model = DraftDocument
        fields = ["q", "congress", "kind", "status", "unanswered"]

    def filter_unanswered(self, queryset, name, value):
        if value is None:
            return queryset
        has = DraftDocument.objects.filter(sections__comments__answer="").values("pk")
        return queryset.filter(pk__in=has) if value else queryset.exclude(pk__in=has)


class CommentFilterSet(BaseFilterSet):
    document = django_filters.ModelChoiceFilter(
        label=_("Dự thảo"), field_name="section__document", queryset=DraftDocument.objects.all()
    )
    author_kind = django_filters.ChoiceFilter(label=_("Ý kiến của"), choices=AuthorKind.choices)
    cell = django_filters.ModelChoiceFilter(
        label=_("Chi bộ"), method="filter_cell", queryset=Unit.objects.filter(kind=UnitKind.PARTY_CELL)
    )
    answer = django_filters.ChoiceFilter(
        label=_("Tiếp thu"), choices=[("none", _("Chưa trả lời")), *Answer.choices], method="filter_answer"
    )

    class Meta(BaseFilterSet.Meta):
        model = Comment
        fields = ["q", "document", "author_kind", "cell", "answer"]

    def filter_cell(self, queryset, name, value):
        """A cell's own comments and those of its members."""
        if not value:
            return queryset
        return queryset.filter(Q(cell=value) | Q(delegate__cell=value))

    def filter_answer(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(answer="" if value == "none" else value)
