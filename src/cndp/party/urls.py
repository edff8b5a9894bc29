from django.urls import path

from cndp.party import views

app_name = "party"
urlpatterns = [
    path("members/import/", views.MemberImportView.as_view(), name="member_import"),
    path("members/import/template/", views.MemberImportTemplateView.as_view(), name="member_import_template"),
    path(
        "members/<int:pk>/events/<int:event_pk>/delete/",
        views.MemberEventDeleteView.as_view(),
        name="memberevent_delete",
    ),
    path("cells/autocomplete/", views.CellAutocompleteView.as_view(), name="cell_autocomplete"),
    path("counts/", views.MemberCountsView.as_view(), name="member_counts"),
    path("probation/", views.ProbationDueView.as_view(), name="probation_due"),
    *views.MemberViews.urls(),
]
