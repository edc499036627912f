from __future__ import annotations

from django.urls import path

from amp.web.land import views

app_name = "land"
urlpatterns = [
    path("", views.index, name="index"),
    path("ziele/<slug:code>/<int:year>/", views.own, name="own"),
    path("ziele/<slug:code>/<int:year>/import/", views.own_import, name="own-import"),
    path(
        "ziele/<slug:code>/<int:year>/import/uebernehmen/",
        views.own_import_confirm,
        name="own-import-confirm",
    ),
    path("<slug:land>/<int:year>/", views.overview, name="overview"),
    path("<slug:land>/<int:year>/vergleich/", views.comparison, name="comparison"),
    path("<slug:land>/<int:year>/jobcenter/<slug:code>/", views.jobcenter, name="jobcenter"),
    path("<slug:land>/<int:year>/zielnachhaltung.pdf", views.follow_up_pdf, name="follow-up"),
]
