"""The follow-up's place on the shared reporting calendar (lịch báo cáo): the kind of obligation
"followup.progress" — each lead and coordinating unit of a task owes a report on it by the task's
deadline — and the hook that keeps a task in step with the calendar when the agency accepts or returns
a unit's report there (from the task's page or from the calendar's own page: one path either way)."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_noop

from cndp.followup.rule import KIND
from cndp.obligations import kinds
from cndp.obligations.choices import Action
from cndp.obligations.models import ObligationStep


def _still_owed() -> Q:
    """A unit's report is owed while its task is not done (the task's state lives in this app, so the
    condition is the subject's: the assignments of tasks still open)."""
    from cndp.followup.models import Assignment

    return Q(object_id__in=Assignment.objects.exclude(task__state="done").values("pk"))


kinds.register(
    kinds.Kind(
        KIND,
        # plain strings (the calendar joins its kinds' labels); marked for the catalogue
        gettext_noop("báo cáo thực hiện nhiệm vụ theo kết luận của Lãnh đạo Bộ"),
        short=gettext_noop("báo cáo thực hiện kết luận"),
        still_owed=_still_owed,
        where=gettext_noop("Kết luận của Lãnh đạo › Nhiệm vụ"),
        agency_may_submit=False,  # only the unit assigned reports on its part
    )
)


@receiver(post_save, sender=ObligationStep, dispatch_uid="followup_calendar_review")
def _calendar_review(sender, instance: ObligationStep, created: bool, **kwargs) -> None:
    """The agency accepted or returned a unit's report on the calendar: the task follows."""
    if not created or instance.action not in (Action.ACCEPT, Action.RETURN):
        return
    obligation = instance.obligation
    if obligation.kind != KIND:
        return
    from cndp.followup.services import apply_review

    apply_review(
        assignment_id=obligation.object_id,
        accepted=instance.action == Action.ACCEPT,
        user=instance.by,
        at=instance.at,
        comment=instance.comment,
    )


@receiver(post_save, sender="followup.Task", dispatch_uid="followup_task_owed")
def _task_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    """A task's state decides whether its units' reports are still owed on the calendar: the
    obligations' `owed` follows every save that may change it."""
    if raw or (update_fields is not None and "state" not in update_fields):
        return
    from cndp.followup.models import Assignment
    from cndp.obligations.services import obligations_owed_refresh

    obligations_owed_refresh(kind=KIND, object_ids=Assignment.objects.filter(task=instance).values("pk"))
