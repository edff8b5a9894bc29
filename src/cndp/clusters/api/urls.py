from rest_framework.routers import DefaultRouter

from cndp.clusters.api import views

router = DefaultRouter()
router.register("clusters", views.ClusterViewSet)
router.register("decisions", views.DecisionViewSet)
router.register("projects", views.ProjectViewSet)
router.register("reports", views.ReportViewSet)
router.register("conditions", views.ConditionViewSet)
app_name = "clusters-api"
urlpatterns = router.urls
