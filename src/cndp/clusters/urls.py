from django.urls import path

from cndp.clusters import import_views, picture_views, report_views, views

app_name = "clusters"
urlpatterns = [
    *views.flagged_urls(),
    path("clusters/import/", import_views.cluster_import, name="cluster_import"),
    path("clusters/import/template/", import_views.cluster_import_template, name="cluster_import_template"),
    *views.ClusterViews.urls(),
    path("clusters/<int:pk>/decision/", views.cluster_decision, name="cluster_decision"),
    *views.ProjectViews.urls(),
    *views.ConditionViews.urls(),
    path("picture/", picture_views.picture_page, name="picture"),
    path("reports/schedule/", report_views.report_schedule, name="report_schedule"),
    *report_views.ReportViews.urls(),
    path("reports/<int:pk>/enter/", report_views.report_enter, name="report_enter"),
    path("reports/<int:pk>/compute/", report_views.report_compute, name="report_compute"),
    path("reports/<int:pk>/sign/", report_views.report_sign, name="report_sign"),
    path("reports/<int:pk>/submit/", report_views.report_submit, name="report_submit"),
    path("reports/<int:pk>/review/", report_views.report_review, name="report_review"),
    path("reports/<int:pk>/pdf/", report_views.report_pdf, name="report_pdf"),
]
