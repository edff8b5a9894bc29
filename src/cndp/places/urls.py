from cndp.places.views import ProvinceViews, RegionViews

app_name = "places"
urlpatterns = [*ProvinceViews.urls(), *RegionViews.urls()]
