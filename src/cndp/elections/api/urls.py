from rest_framework.routers import DefaultRouter

from cndp.elections.api.views import ElectionViewSet

router = DefaultRouter()
router.register("elections", ElectionViewSet)
app_name = "elections-api"
urlpatterns = router.urls
