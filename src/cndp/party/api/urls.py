from rest_framework.routers import DefaultRouter

from cndp.party.api.views import MemberViewSet

router = DefaultRouter()
router.register("members", MemberViewSet)
app_name = "party-api"
urlpatterns = router.urls
