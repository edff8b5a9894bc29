from cndp.accounts.views import UnitViews, UserViews

app_name = "accounts"
urlpatterns = [*UnitViews.urls(), *UserViews.urls()]
