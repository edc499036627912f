from __future__ import annotations

from django.urls import path

from amp.web.plans.views import budget, scenarios, versions

app_name = "plans"
urlpatterns = [
    path("", versions.plan_list, name="list"),
    path("staende/<int:pk>/", versions.version_detail, name="version"),
    path("staende/<int:pk>/betrag/", budget.edit_amount, name="edit-amount"),
    path("staende/<int:pk>/beschliessen/", versions.approve_version, name="approve"),
    path("staende/<int:pk>/neuer-stand/", versions.branch_version, name="branch"),
    path("staende/<int:pk>/kuerzung/", scenarios.cut_scenario, name="cut"),
]
