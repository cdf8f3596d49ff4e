from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from quartier.accounts.views import admin_login
from quartier.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("quartier.core.urls")),
    path("konto/", include("allauth.urls")),
    path("profil/", include("quartier.accounts.urls")),
    path("akteure/", include("quartier.actors.urls")),
    path("quartiere/", include("quartier.neighbourhoods.urls")),
    path("", include("quartier.dashboard.urls")),
    path("orte/", include("quartier.places.urls")),
    path("termine/", include("quartier.events.urls")),
    path("allianzen/", include("quartier.alliances.urls")),
    path("projekte/", include("quartier.projects.urls")),
    path("dialog/", include("quartier.dialogue.urls")),
    path("suche/", include("quartier.search.urls")),
    path("wissen/", include("quartier.knowledge.urls")),
    path("foerderung/", include("quartier.funding.urls")),
    path("import/", include("quartier.imports.urls")),
    path("netzwerk/", include("quartier.network.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    # Staff log in through the site's login, with its brute-force lock (see admin_login).
    path("admin/login/", admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler403 = "quartier.core.views.permission_denied"
handler404 = "quartier.core.views.page_not_found"
handler500 = "quartier.core.views.server_error"
