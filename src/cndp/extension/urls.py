from django.urls import path

from cndp.extension import views

app_name = "extension"
urlpatterns = [
    *views.ProjectViews.urls(),
    path("projects/<int:pk>/transition/", views.project_transition, name="project_transition"),
    path("projects/<int:pk>/appraisal/", views.appraisal_add, name="appraisal_add"),
    path("projects/<int:pk>/ledger/", views.ledger_add, name="ledger_add"),
    path("selection/", views.selection, name="selection"),
    *views.BeneficiaryViews.urls(),
    *views.ProgrammeViews.urls(),
    *views.AnnualFundViews.urls(),
    *views.ActivityTypeViews.urls(),
    *views.FundingCapViews.urls(),
    *views.TradeViews.urls(),
    *views.PriorityAreaViews.urls(),
    *views.RubricViews.urls(),
]
