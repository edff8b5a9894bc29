"""OpenAPI schema class (lược đồ API): every operation also declares the error responses it can give.

DRF answers a refused request with a small JSON body: `{"detail": "…"}` for 401 / 403 / 404, the field
errors (`{"field": ["…"]}`) for 400, and for a write outside a province officer's scope the reason per
field (403); a method no operation lists gets 405. drf-spectacular documents only the success response;
this class adds the errors once for every operation, so a client (and the schema fuzzing in CI) knows
them.
"""

from __future__ import annotations

from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny


class ErrorSerializer(serializers.Serializer):
    """Lỗi: why the request was refused (not logged in, not found)."""

    detail = serializers.CharField()


VALIDATION_ERROR = OpenApiResponse(
    response=OpenApiTypes.OBJECT,
    description='Dữ liệu không hợp lệ: mỗi trường sai kèm danh sách lỗi ({"trường": ["lỗi"]}) '
    'hoặc {"detail": "lỗi"}.',
)
# A write a province officer may not make names the reason per field (core.services.ScopeViolation).
FORBIDDEN = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "string"},
}
ERRORS = {
    "401": OpenApiResponse(ErrorSerializer, description="Chưa đăng nhập hoặc token không hợp lệ."),
    "403": OpenApiResponse(
        FORBIDDEN,
        description='Không có quyền thực hiện: {"detail": "lý do"}, hoặc lý do theo từng trường '
        'ngoài phạm vi của người dùng ({"trường": "lý do"}).',
    ),
    "404": OpenApiResponse(
        ErrorSerializer, description="Không tìm thấy (hoặc ngoài phạm vi của người dùng)."
    ),
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema plus the standard error responses of each operation:
    400 when the request carries data (body or query parameters), 401 / 403 unless anyone may call it,
    404 when a path parameter names an object or the list is paginated (a page past the end)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                serializer = VALIDATION_ERROR if code == "400" else ERRORS[code]
                responses[code] = self._get_response_for_code(serializer, code, direction=direction)
        return responses

    def _error_codes(self) -> list[str]:
        codes = []
        has_query = any(p.get("in") == "query" for p in self._get_parameters())
        if self.method != "GET" or has_query:
            codes.append("400")
        if not all(isinstance(p, type) and issubclass(p, AllowAny) for p in self.view.permission_classes):
            codes += ["401", "403"]
        if "{" in self.path or (self._is_list_view() and self._get_paginator()):
            codes.append("404")
        return codes
