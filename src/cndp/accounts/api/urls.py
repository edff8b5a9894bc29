from rest_framework.routers import DefaultRouter

from cndp.accounts.api.views import UnitViewSet, UserViewSet

router = DefaultRouter()
router.register("units", UnitViewSet)
router.register("users", UserViewSet)
app_name = "accounts-api"
urlpatterns = router.urls
