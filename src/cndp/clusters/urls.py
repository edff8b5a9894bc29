from django.urls import path

from cndp.clusters import views

app_name = "clusters"
urlpatterns = [
    *views.flagged_urls(),
    *views.ClusterViews.urls(),
    path("clusters/<int:pk>/decision/", views.cluster_decision, name="cluster_decision"),
    *views.ProjectViews.urls(),
    *views.ConditionViews.urls(),
]
