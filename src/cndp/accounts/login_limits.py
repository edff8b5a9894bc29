"""Limits on failed logins (giới hạn đăng nhập sai), on top of django-axes.

axes locks one user name from one address after AXES_FAILURE_LIMIT (5) failures. That does not stop
password spraying: one address trying a common password on many user names, a few times each. So an
address is also locked once its failures across all user names reach CNDP_LOGIN_ADDRESS_FAILURE_LIMIT
(20) within AXES_COOLOFF_TIME. The limit is higher than the per-user one because a whole office may sit
behind one address.

Behind the reverse proxy every request comes from the proxy's address: the client's address is then the
last one the proxy appended to X-Forwarded-For, trusted only when the request comes from an address in
CNDP_TRUSTED_PROXIES.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the proxy's last X-Forwarded-For entry from a trusted proxy."""
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if remote in settings.CNDP_TRUSTED_PROXIES and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return remote


def address_failures(request: HttpRequest) -> int:
    """Failed logins from the request's address within the cool-off time, whatever the user name."""
    attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
    if settings.AXES_COOLOFF_TIME is not None:
        attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressLimitedHandler(AxesDatabaseHandler):
    """axes' database handler, locking also an address with too many failures across user names."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        if address_failures(request) >= settings.CNDP_LOGIN_ADDRESS_FAILURE_LIMIT:
            # axes compares this count with its per-user limit: report the address as at that limit
            return max(failures, get_failure_limit(request, credentials))
        return failures
