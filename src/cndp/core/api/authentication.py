"""API tokens that expire (mã truy cập API có thời hạn).

A token older than `CNDP_API_TOKEN_DAYS` days (default 30) is refused; `POST /api/token/` with the user
name and password then replaces it with a new one (the view is in `cndp.core.api.tokens`: DRF loads
this module while importing its views). A leaked token is thus usable for a month at most.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def token_lifetime() -> timedelta:
    return timedelta(days=settings.CNDP_API_TOKEN_DAYS)


def token_expires_at(token: Token) -> datetime:
    return token.created + token_lifetime()


def token_is_expired(token: Token, *, now: datetime | None = None) -> bool:
    return (now or timezone.now()) >= token_expires_at(token)


@transaction.atomic
def api_token_issue(*, user) -> Token:
    """The user's token, replaced by a new one once it has expired (cấp mã truy cập API)."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and token_is_expired(token):
        token.delete()
        token = None
    if token is None:
        token = Token.objects.create(user=user)
    return token


class ExpiringTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, refused once the token is older than CNDP_API_TOKEN_DAYS days."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_is_expired(token):
            raise AuthenticationFailed(
                _(
                    "Mã truy cập API đã hết hạn (quá %(days)s ngày kể từ khi cấp). "
                    "Hãy lấy mã mới tại /api/token/ bằng tên đăng nhập và mật khẩu."
                )
                % {"days": settings.CNDP_API_TOKEN_DAYS}
            )
        return user, token
