from django.urls import path

from cndp.followup import report_views, views

app_name = "followup"
urlpatterns = [
    *views.LeaderViews.urls(),
    *views.WorkingSessionViews.urls(),
    *views.NoticeViews.urls(),
    *views.TaskViews.urls(),
    *views.ProgressReportViews.urls(),
    *views.DeadlineExtensionViews.urls(),
    path("notices/<int:pk>/paste/", views.notice_paste, name="notice_paste"),
    path("notices/<int:pk>/tasks/", views.notice_tasks_save, name="notice_tasks_save"),
    path("notices/<int:pk>/file/", views.notice_file, name="notice_file"),
    path("assignments/<int:pk>/report/", views.task_report, name="task_report"),
    path("tasks/<int:pk>/confirm/", views.task_confirm, name="task_confirm"),
    path("tasks/<int:pk>/return/", views.task_return, name="task_return"),
    path("tasks/<int:pk>/extend/", views.task_extend, name="task_extend"),
    path("reports/<int:pk>/document/", views.report_document, name="report_document"),
    path("report/", report_views.report, name="report"),
    path("digest/", report_views.digest, name="digest"),
    path("province/", report_views.province_tasks, name="province_tasks"),
]
