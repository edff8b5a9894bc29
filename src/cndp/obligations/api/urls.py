from rest_framework.routers import DefaultRouter

from cndp.obligations.api import views

router = DefaultRouter()
router.register("obligations", views.ObligationViewSet)
app_name = "obligations-api"
urlpatterns = router.urls
