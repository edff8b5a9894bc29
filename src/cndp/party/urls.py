from cndp.party.views import MemberViews

app_name = "party"
urlpatterns = [*MemberViews.urls()]
