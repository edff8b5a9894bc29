from rest_framework.routers import DefaultRouter

from cndp.extension.api import views

router = DefaultRouter()
router.register("projects", views.ProjectViewSet)
router.register("beneficiaries", views.BeneficiaryViewSet)
router.register("programmes", views.ProgrammeViewSet)
router.register("activity-types", views.ActivityTypeViewSet)
router.register("funding-caps", views.FundingCapViewSet)
router.register("trades", views.TradeViewSet)
router.register("priority-areas", views.PriorityAreaViewSet)
router.register("rubrics", views.RubricViewSet)
router.register("annual-funds", views.AnnualFundViewSet)
router.register("progress-reports", views.ProgressReportViewSet)
router.register("schedule-rules", views.ScheduleRuleViewSet)
app_name = "extension-api"
urlpatterns = router.urls
