"""What the follow-up module adds to the global search (core.search): conclusion notices (thông báo kết luận)
and their tasks (nhiệm vụ), within what the user may see."""

from django.utils.translation import gettext as _

from cndp.core.search import model_group
from cndp.followup.models import Notice, Task


def search_hits(user, text, limit):
    notices = model_group(
        Notice,
        user,
        text,
        limit,
        kind=_("Thông báo kết luận"),
        order=60,
        queryset=Notice.objects.order_by("-date", "pk"),
        list_url="followup:notice_list",
    )
    tasks = model_group(
        Task,
        user,
        text,
        limit,
        kind=_("Nhiệm vụ theo kết luận"),
        order=61,
        queryset=Task.objects.select_related("notice").order_by("-notice__date", "pk"),
        note=lambda t: str(t.notice),
        list_url="followup:task_list",
    )
    return notices + tasks
