from __future__ import annotations

from django.urls import path

from amp.web.kennzahlen import views

app_name = "kennzahlen"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.jobcenter_page, name="page"),
]
