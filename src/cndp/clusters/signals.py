"""An accepted report updates the register, whichever screen accepted it (the report's page or the
reporting calendar's): the Obligation's save is watched, the update is done once (`applied_at`)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cndp.obligations.calendar import ACCEPTED
from cndp.obligations.models import Obligation


@receiver(post_save, sender=Obligation, dispatch_uid="clusters_report_accepted")
def report_accepted(sender, instance: Obligation, **kwargs):
    if instance.state != ACCEPTED or not instance.kind.startswith("clusters."):
        return
    from cndp.clusters.services.reports import report_apply

    report_apply(obligation=instance, user=getattr(instance, "_history_user", None))
