from django.urls import path

from .views import directory, registry

app_name = "partnerships"

urlpatterns = [
    path("directory/", directory.directory, name="directory"),
    path("directory/export.<str:fmt>", directory.directory_export, name="directory_export"),
    path("map/", directory.map_page, name="map"),
    path("map/data.json", directory.map_data, name="map_data"),
    path("map/ties/<int:pk>.json", directory.map_ties, name="map_ties"),
    path("statistics/", directory.statistics_page, name="statistics"),
    path("municipalities/<int:pk>/", registry.municipality_detail, name="municipality"),
    path("partnerships/<int:pk>/", registry.partnership_detail, name="partnership"),
    path("registry/municipalities/new/", registry.municipality_create, name="municipality_create"),
    path("registry/gazetteer/", registry.gazetteer_lookup, name="gazetteer_lookup"),
    path("registry/documents/<int:pk>/", registry.document_download, name="document_download"),
]
