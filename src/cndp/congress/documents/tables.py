"""Tables of draft documents and comments."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from cndp.congress.models import Comment, DraftDocument
from cndp.core.tables import BaseTable


class DraftDocumentTable(BaseTable):
    title = tables.Column(linkify=True, verbose_name=_("Tên văn kiện"))
    congress = tables.Column(verbose_name=_("Đại hội"), order_by=("congress__opens_on",))
    section_count = tables.Column(verbose_name=_("Số mục"), attrs={"td": {"class": "text-end"}})
    comment_count = tables.Column(verbose_name=_("Số ý kiến"), attrs={"td": {"class": "text-end"}})
    unanswered_count = tables.Column(verbose_name=_("Chưa trả lời"), attrs={"td": {"class": "text-end"}})

    class Meta(BaseTable.Meta):
        model = DraftDocument
        fields = (
            "title",
            "version",
            "kind",
            "congress",
            "issued_on",
            "status",
            "section_count",
            "comment_count",
            "unanswered_count",
        )


class CommentTable(BaseTable):
    section = tables.Column(verbose_name=_("Mục"), order_by=("section__document", "section__order"))
    document = tables.Column(
        verbose_name=_("Dự thảo"), accessor="section__document", order_by=("section__document__title",)
    )
    author = tables.Column(
        verbose_name=_("Người góp ý"),
        accessor="author_name",
        order_by=("delegate__name_sort_key", "cell__name"),
    )
    content = tables.Column(verbose_name=_("Nội dung góp ý"), linkify=True)
    answer = tables.Column(verbose_name=_("Tiếp thu"))

    class Meta(BaseTable.Meta):
        model = Comment
        fields = ("document", "section", "author", "content", "submitted_at", "answer", "explanation")

    def render_content(self, value):
        return value if len(value) <= 160 else value[:159] + "…"

    def render_answer(self, record):
        return record.get_answer_display() if record.answer else _("Chưa trả lời")

    def value_answer(self, record):
        return self.render_answer(record)

    def value_content(self, value):
        return value
