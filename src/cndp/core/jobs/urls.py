from django.urls import path

from cndp.core.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/status/", views.job_status, name="job_status"),
    path("<int:pk>/input/", views.job_input, name="job_input"),
    path("<int:pk>/result/", views.job_result, name="job_result"),
    path("<int:pk>/retry/", views.job_retry, name="job_retry"),
]
