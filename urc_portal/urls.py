from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("URC International Relations: administration")
admin.site.site_title = _("URC International Relations")
admin.site.index_title = _("Registry, outreach, roadmap and knowledge base")

urlpatterns = [
    path("i18n/setlang/", views.set_language, name="set_language"),
]

# Russian pages have no prefix; English ones live under /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("associations.urls")),
    path("", include("partnerships.urls")),
    path("", include("roadmap.urls")),
    path("", include("knowledge.urls")),
    prefix_default_language=False,
)
