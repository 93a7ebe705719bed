from django.urls import path

from .views import directory, registry, requests

app_name = "partnerships"

urlpatterns = [
    path("directory/", directory.directory, name="directory"),
    path("directory/export.<str:fmt>", directory.directory_export, name="directory_export"),
    path("map/", directory.map_page, name="map"),
    path("map/data.json", directory.map_data, name="map_data"),
    path("map/ties/<int:pk>.json", directory.map_ties, name="map_ties"),
    path("statistics/", directory.statistics_page, name="statistics"),
    path("data-sources/", directory.data_sources, name="data_sources"),
    path("municipalities/<int:pk>/", registry.municipality_detail, name="municipality"),
    path("partnerships/<int:pk>/", registry.partnership_detail, name="partnership"),
    path("registry/municipalities/new/", registry.municipality_create, name="municipality_create"),
    path("registry/gazetteer/", registry.gazetteer_lookup, name="gazetteer_lookup"),
    path("registry/documents/<int:pk>/", registry.document_download, name="document_download"),
    # Partnership requests: the officials' side.
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", requests.request_edit, name="request_edit"),
    path("requests/<int:pk>/action/", requests.request_transition, name="request_transition"),
    path("requests/<int:pk>/messages/", requests.request_message, name="request_message"),
    path(
        "requests/attachments/<int:pk>/",
        requests.attachment_download,
        name="request_attachment",
    ),
    path("requests/consent/", requests.official_consent, name="official_consent"),
    path("privacy/", requests.privacy, name="privacy"),
    # Partnership requests: the project office's side.
    path("review/requests/", requests.request_queue, name="request_queue"),
    path("review/requests/export/", requests.request_queue_export, name="request_queue_export"),
    path("review/requests/<int:pk>/", requests.request_review, name="request_review"),
    path(
        "review/requests/<int:pk>/action/",
        requests.request_review_transition,
        name="request_review_transition",
    ),
    path(
        "review/requests/<int:pk>/partner/",
        requests.request_partner_pick,
        name="request_partner_pick",
    ),
    path("review/officials/", requests.officials, name="officials"),
    path("review/officials/invite/", requests.official_invite, name="official_invite"),
    path("review/officials/<int:pk>/approve/", requests.official_approve, name="official_approve"),
    path(
        "review/officials/<int:pk>/deactivate/",
        requests.official_deactivate,
        name="official_deactivate",
    ),
]
