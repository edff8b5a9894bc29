from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from cndp.core.navigation import MenuGroup, MenuItem


class CongressConfig(AppConfig):
    name = "cndp.congress"
    label = "congress"
    verbose_name = _("Đại hội")
    search = "cndp.congress.search.search_hits"  # its hits in the global search (core.search)
    menu = (
        MenuGroup(
            _("Đại hội"),
            "podium",
            (
                MenuItem(_("Các kỳ đại hội"), "congress:congress_list", "congress.view_congress"),
                MenuItem(_("Danh sách triệu tập"), "congress:delegate_list", "congress.view_delegate"),
                MenuItem(_("Dự thảo văn kiện"), "congress:document_list", "congress.view_draftdocument"),
                MenuItem(_("Ý kiến góp ý"), "congress:comment_list", "congress.view_comment"),
            ),
            order=20,
        ),
    )
