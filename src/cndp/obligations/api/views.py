"""API of the reporting calendar: obligations read with the list's filters; `submit` only by the owing
side (another province's officer is refused with the scope policy's 403, core.services.scope_check)."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from cndp.core.api.views import RestrictedReadOnlyViewSet
from cndp.core.services import ScopeViolation, ServiceError
from cndp.obligations import filtersets, kinds, selectors, services
from cndp.obligations.api.serializers import ObligationSerializer


class ObligationViewSet(RestrictedReadOnlyViewSet):
    queryset = selectors.obligation_list()
    serializer_class = ObligationSerializer
    filterset_class = filtersets.ObligationFilterSet
    action_permissions = {"submit": "change"}

    @extend_schema(request=None, responses=ObligationSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        obligation = self.get_object()
        if kinds.get(obligation.kind).own_page:  # submitted with its content, at the thing's own endpoint
            raise ValidationError({"detail": _("Báo cáo này được nộp và xem xét tại trang của báo cáo.")})
        try:
            services.obligation_submit(obligation=obligation, user=request.user)
        except ScopeViolation as exc:
            raise PermissionDenied(exc.problems) from exc
        except ServiceError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        obligation.refresh_from_db()
        return Response(ObligationSerializer(obligation).data)
