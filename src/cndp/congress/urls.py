from django.urls import include, path

from cndp.congress import views

app_name = "congress"
urlpatterns = [
    *views.CongressViews.urls(),
    *views.DelegateViews.urls(),
    path("congresses/<int:pk>/summons/", views.summons_build, name="summons_build"),
    path("congresses/<int:pk>/checkin/", views.checkin, name="checkin"),
    path("congresses/<int:pk>/checkin/search/", views.checkin_search, name="checkin_search"),
    path("congresses/<int:pk>/checkin/submit/", views.checkin_submit, name="checkin_submit"),
    path("congresses/<int:pk>/attendance/panel/", views.attendance_panel, name="attendance_panel"),
    path("congresses/<int:pk>/attendance/", views.attendance_report, name="attendance_report"),
    path("congresses/<int:pk>/proceedings/", views.proceedings, name="proceedings"),
    path("congresses/<int:pk>/cards.pdf", views.delegate_cards, name="cards"),
    path("delegates/<int:pk>/exclusion/", views.delegate_exclusion, name="delegate_exclusion"),
    path("", include("cndp.congress.documents.urls")),
]
