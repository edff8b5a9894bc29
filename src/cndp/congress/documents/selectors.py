"""Reads for draft documents: the synthesis table (bảng tổng hợp ý kiến góp ý và tiếp thu, giải trình)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from cndp.congress.documents.choices import Answer
from cndp.congress.models import Comment, DocumentSection, DraftDocument


@dataclass
class SectionComments:
    """One section and its comments (in the order they were submitted)."""

    section: DocumentSection
    comments: list[Comment] = field(default_factory=list)


@dataclass
class Synthesis:
    """The synthesis of a draft: sections with their comments, and the counts by answer (over all the
    comments of the draft, whatever the filter)."""

    document: DraftDocument
    sections: list[SectionComments]
    counts: dict[str, int]  # answer value → number of comments; "" = not answered yet

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def unanswered(self) -> int:
        return self.counts.get("", 0)

    def count_rows(self) -> list[tuple[str, int]]:
        """(label, number) for every answer, then the comments not answered yet."""
        rows = [(str(label), self.counts.get(value, 0)) for value, label in Answer.choices]
        rows.append((_("Chưa trả lời"), self.unanswered))
        return rows

    def rows(self):
        """(section, comment) pairs of the sections that have comments, in document order."""
        for entry in self.sections:
            for comment in entry.comments:
                yield entry.section, comment


def comments_of(document: DraftDocument) -> QuerySet[Comment]:
    """Every comment on the draft with what displaying it needs, in one query."""
    return Comment.objects.filter(section__document=document).select_related(
        "delegate__cell", "cell", "answered_by"
    )


def synthesis(document: DraftDocument, *, unanswered_only: bool = False) -> Synthesis:
    """Sections with their comments and the counts by answer — two queries whatever the size.

    With `unanswered_only`, only comments not answered yet are listed, and only the sections that have
    such comments."""
    sections = {}
    for section in DocumentSection.objects.filter(document=document):
        section.document = document
        sections[section.pk] = SectionComments(section=section)
    counts = {value: 0 for value in Answer.values} | {"": 0}
    for comment in comments_of(document):
        counts[comment.answer] = counts.get(comment.answer, 0) + 1
        if unanswered_only and comment.answer:
            continue
        entry = sections[comment.section_id]
        comment.section = entry.section  # avoid one query per comment when its section is shown
        entry.comments.append(comment)
    listed = [e for e in sections.values() if e.comments or not unanswered_only]
    return Synthesis(document=document, sections=listed, counts=counts)


def answer_counts(document: DraftDocument) -> list[tuple[str, int]]:
    """(label, number) by answer, then "Chưa trả lời" — one query."""
    counts = dict(
        Comment.objects.filter(section__document=document)
        .order_by()
        .values_list("answer")
        .annotate(n=Count("pk"))
    )
    return Synthesis(document=document, sections=[], counts=counts).count_rows()


def document_list_annotated(queryset: QuerySet[DraftDocument]) -> QuerySet[DraftDocument]:
    """Documents with their number of sections, comments and comments not answered yet."""
    return queryset.annotate(
        section_count=Count("sections", distinct=True),
        comment_count=Count("sections__comments", distinct=True),
        unanswered_count=Count("sections__comments", filter=Q(sections__comments__answer=""), distinct=True),
    )
