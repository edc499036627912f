from __future__ import annotations

from django.urls import path

from amp.web.angebote import views

app_name = "angebote"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.finder, name="finder"),
    path("<slug:code>/angebotsblatt/", views.sheet, name="sheet"),
    path("<slug:code>/katalog/", views.catalogue, name="catalogue"),
    path("<slug:code>/katalog.jsonld", views.catalogue_jsonld, name="catalogue-jsonld"),
    path("<slug:code>/foerderketten/", views.chains, name="chains"),
    path("<slug:code>/luecken/", views.gaps, name="gaps"),
    path("<slug:code>/protokoll/", views.audit_log, name="audit"),
]
