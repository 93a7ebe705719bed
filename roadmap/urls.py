from django.urls import path

from . import views

app_name = "roadmap"

urlpatterns = [
    # Everyone: the roadmaps (public milestones only, unless staff), feeds and exports.
    path("roadmap/", views.index, name="index"),
    path("roadmap/timeline.json", views.timeline_data, name="timeline_all"),
    path("roadmap/calendar.ics", views.calendar_feed, name="calendar_all"),
    path("roadmap/export.xlsx", views.export_xlsx, name="export_all"),
    path("roadmap/print/", views.print_page, name="print_all"),
    path("roadmap/<int:pk>/", views.roadmap_detail, name="detail"),
    path("roadmap/<int:pk>/timeline.json", views.timeline_data, name="timeline"),
    path("roadmap/<int:pk>/calendar.ics", views.calendar_feed, name="calendar"),
    path("roadmap/<int:pk>/export.xlsx", views.export_xlsx, name="export"),
    path("roadmap/<int:pk>/print/", views.print_page, name="print"),
    path("roadmap/milestones/<int:pk>/", views.milestone_detail, name="milestone"),
    # Staff: changing milestones, their own list and their private calendar address.
    path("roadmap/milestones/new/", views.milestone_create, name="milestone_create"),
    path("roadmap/milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("roadmap/milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("roadmap/milestones/<int:pk>/documents/", views.document_create, name="document_create"),
    path("roadmap/documents/<int:pk>/", views.document_download, name="document_download"),
    path("roadmap/mine/", views.my_milestones, name="mine"),
    path("roadmap/mine/calendar/reset/", views.calendar_token_reset, name="calendar_reset"),
    # Private calendar addresses: the secret in the path is the only key.
    path("roadmap/calendar/<str:secret>/mine.ics", views.calendar_mine, name="calendar_mine"),
    path(
        "roadmap/calendar/<str:secret>/all.ics",
        views.calendar_private,
        name="calendar_private_all",
    ),
    path(
        "roadmap/calendar/<str:secret>/<int:pk>.ics",
        views.calendar_private,
        name="calendar_private",
    ),
]
