from rest_framework.routers import DefaultRouter

from cndp.places.api.views import ProvinceViewSet, RegionViewSet

router = DefaultRouter()
router.register("provinces", ProvinceViewSet)
router.register("regions", RegionViewSet)
app_name = "places-api"
urlpatterns = router.urls
