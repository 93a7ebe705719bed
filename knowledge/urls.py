from django.urls import path

from . import views
from .feeds import NewEntriesFeed

app_name = "knowledge"

urlpatterns = [
    path("knowledge/", views.index, name="index"),
    path("knowledge/search/", views.search, name="search"),
    path("knowledge/feed/", NewEntriesFeed(), name="feed"),
    path("knowledge/themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("knowledge/entries/<slug:slug>/", views.entry_detail, name="entry"),
    # Staff: writing.
    path("knowledge/new/", views.entry_create, name="entry_create"),
    path("knowledge/entries/<slug:slug>/edit/", views.entry_edit, name="entry_edit"),
    path("knowledge/preview/", views.preview, name="preview"),
    path("knowledge/attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
]
