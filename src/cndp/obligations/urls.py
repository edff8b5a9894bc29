from django.urls import path

from cndp.obligations import views

app_name = "obligations"
urlpatterns = [
    path("", views.todo, name="todo"),
    *views.ObligationViews.urls(),
    path("overdue/<int:pk>/submit/", views.obligation_submit, name="obligation_submit"),
    path("overdue/<int:pk>/review/", views.obligation_review, name="obligation_review"),
    *views.CalendarRuleViews.urls(),
]
