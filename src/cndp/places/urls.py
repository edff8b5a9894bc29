from django.urls import path

from cndp.places import views
from cndp.places.views import ProvinceViews, RegionViews

app_name = "places"
urlpatterns = [
    path("provinces/map/", views.province_map, name="province_map"),
    *ProvinceViews.urls(),
    *RegionViews.urls(),
]
