from django.urls import path

from .views import registry

app_name = "partnerships"

urlpatterns = [
    path("municipalities/<int:pk>/", registry.municipality_detail, name="municipality"),
    path("partnerships/<int:pk>/", registry.partnership_detail, name="partnership"),
    path("registry/municipalities/new/", registry.municipality_create, name="municipality_create"),
    path("registry/gazetteer/", registry.gazetteer_lookup, name="gazetteer_lookup"),
    path("registry/documents/<int:pk>/", registry.document_download, name="document_download"),
]
