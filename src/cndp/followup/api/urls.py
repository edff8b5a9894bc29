from rest_framework.routers import DefaultRouter

from cndp.followup.api import views

router = DefaultRouter()
router.register("leaders", views.LeaderViewSet)
router.register("sessions", views.WorkingSessionViewSet)
router.register("notices", views.NoticeViewSet)
router.register("tasks", views.TaskViewSet)
router.register("reports", views.ProgressReportViewSet)
router.register("extensions", views.DeadlineExtensionViewSet)
app_name = "followup-api"
urlpatterns = router.urls
