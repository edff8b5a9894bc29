from django.urls import path
from rest_framework.routers import DefaultRouter

from cndp.indicators.api import views

router = DefaultRouter()
router.register("values", views.DataValueViewSet)
router.register("submissions", views.SubmissionViewSet)
app_name = "indicators-api"
urlpatterns = [
    path("aggregate/", views.AggregateView.as_view(), name="aggregate"),
    path("completeness/", views.CompletenessView.as_view(), name="completeness"),
    *router.urls,
]
