from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("municipalities/<int:pk>/", views.municipality_detail, name="municipality"),
    path("partnerships/<int:pk>/", views.partnership_detail, name="partnership"),
    path("registry/municipalities/new/", views.municipality_create, name="municipality_create"),
    path("registry/gazetteer/", views.gazetteer_lookup, name="gazetteer_lookup"),
    path("registry/documents/<int:pk>/", views.document_download, name="document_download"),
]
