"""What industrial clusters add to the home page (core.home): the register's size and what breaks a
Decree 32 condition, within the user's scope."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from cndp.clusters import rules
from cndp.clusters.models import Cluster
from cndp.core.permissions import can


def home_contributions(request, today) -> dict:
    user = request.user
    if not can(user, "view", Cluster):
        return {}
    counts = Cluster.objects.restrict(user).aggregate(
        total=Count("pk"),
        operating=Count("pk", filter=Q(status__in=sorted(rules.ACTIVE_OPERATING))),
        flagged=Count("pk", filter=Q(flagged=True)),
    )
    return {
        "cards": [
            {
                "label": _("Cụm công nghiệp"),
                "value": counts["total"],
                "note": _("%(n)s cụm đang hoạt động") % {"n": counts["operating"]},
                "url": "clusters:cluster_list",
                "query": "",
            },
            {
                "label": _("Cụm chưa đáp ứng Nghị định 32"),
                "value": counts["flagged"],
                "note": _("Quy mô, tỷ lệ hỗ trợ, điều kiện thành lập, hạn hoàn thiện thủ tục"),
                "url": "clusters:cluster_flagged",
                "query": "",
                "alert": counts["flagged"] > 0,
            },
        ]
    }
