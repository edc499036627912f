from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import include, path

from amp.web.plans.api import api
from amp.web.plans.forms.login import LoginForm

urlpatterns = [
    path("anmelden/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("api/", api.urls),
    path("kennzahlen/", include("amp.web.kennzahlen.urls")),
    path("vollzug/", include("amp.web.vollzug.urls")),
    path("land/", include("amp.web.land.urls")),
    path("massnahmen/", include("amp.web.massnahmen.urls")),
    path("fallclearing/", include("amp.web.fallclearing.urls_public")),
    path("fallclearing-intern/", include("amp.web.fallclearing.urls")),
    path("angebote/", include("amp.web.angebote.urls")),
    path("", include("amp.web.plans.urls")),
]
