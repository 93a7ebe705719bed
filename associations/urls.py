from django.urls import path

from . import views

app_name = "associations"

urlpatterns = [
    # Public: the associations the Union has signed agreements with.
    path("associations/", views.public_list, name="public_list"),
    path("associations/<int:pk>/", views.public_detail, name="public_detail"),
    # Staff: the outreach pipeline.
    path("outreach/", views.pipeline, name="pipeline"),
    path("outreach/list/", views.association_list, name="list"),
    path("outreach/associations/<int:pk>/", views.association_detail, name="detail"),
    path(
        "outreach/associations/<int:pk>/activities/", views.activity_create, name="activity_create"
    ),
    path(
        "outreach/associations/<int:pk>/follow-ups/",
        views.follow_up_create,
        name="follow_up_create",
    ),
    path("outreach/associations/<int:pk>/stage/", views.stage_change, name="stage_change"),
    path(
        "outreach/associations/<int:pk>/documents/", views.document_create, name="document_create"
    ),
    path(
        "outreach/follow-ups/<int:pk>/complete/",
        views.follow_up_complete,
        name="follow_up_complete",
    ),
    path("outreach/documents/<int:pk>/", views.document_download, name="document_download"),
    path("outreach/attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
]
