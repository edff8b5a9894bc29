"""POST /api/token/: the user's API token, a new one once the old has expired (lấy mã truy cập API)."""

from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from cndp.core.api.authentication import api_token_issue, token_expires_at


class ObtainExpiringAuthToken(ObtainAuthToken):
    """POST user name and password → {"token": …, "expires": …}; an expired token is replaced."""

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key, "expires": token_expires_at(token).isoformat()})
