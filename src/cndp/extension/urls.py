from django.urls import path

from cndp.extension.appraisal import views as appraisal_views
from cndp.extension.catalogue import views
from cndp.extension.imports import views as import_views
from cndp.extension.progress import views as progress_views
from cndp.extension.projects import views as project_views
from cndp.extension.reports.views import report as report_page

app_name = "extension"
urlpatterns = [
    *project_views.ProjectViews.urls(),
    path("projects/<int:pk>/transition/", project_views.project_transition, name="project_transition"),
    path("projects/<int:pk>/appraisal/", appraisal_views.appraisal_add, name="appraisal_add"),
    path("projects/<int:pk>/ledger/", project_views.ledger_add, name="ledger_add"),
    path("selection/", appraisal_views.selection, name="selection"),
    path("reports/", report_page, name="report"),
    path("projects/import/", import_views.ProjectImportView.as_view(), name="project_import"),
    path(
        "projects/import/template/",
        import_views.ProjectImportTemplateView.as_view(),
        name="project_import_template",
    ),
    *project_views.BeneficiaryViews.urls(),
    *views.ProgrammeViews.urls(),
    *views.AnnualFundViews.urls(),
    *views.ActivityTypeViews.urls(),
    *views.FundingCapViews.urls(),
    *views.TradeViews.urls(),
    *views.PriorityAreaViews.urls(),
    *views.RubricViews.urls(),
    *progress_views.ProgressReportViews.urls(),
    path("progress-reports/<int:pk>/submit/", progress_views.report_submit, name="report_submit"),
    path("progress-reports/<int:pk>/review/", progress_views.report_review, name="report_review"),
    path("projects/<int:pk>/documents/", progress_views.document_add, name="document_add"),
    path("documents/<int:pk>/", progress_views.document_download, name="document_download"),
    *views.ScheduleRuleViews.urls(),
]
