from __future__ import annotations

from django.urls import path

from amp.web.plans import views

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("staende/<int:pk>/", views.version_detail, name="version"),
    path("staende/<int:pk>/betrag/", views.edit_amount, name="edit-amount"),
    path("staende/<int:pk>/beschliessen/", views.approve_version, name="approve"),
    path("staende/<int:pk>/neuer-stand/", views.branch_version, name="branch"),
    path("staende/<int:pk>/kuerzung/", views.cut_scenario, name="cut"),
]
