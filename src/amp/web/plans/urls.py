from __future__ import annotations

from django.urls import path

from amp.web.plans.views import budget, history, overview, scenarios, versions

app_name = "plans"
urlpatterns = [
    path("", versions.plan_list, name="list"),
    path("staende/<int:pk>/", overview.version_detail, name="version"),
    path("staende/<int:pk>/tabellen/", overview.version_tables, name="tables"),
    path("staende/<int:pk>/budget/", budget.budget_screen, name="budget"),
    path("staende/<int:pk>/betrag/", budget.edit_amount, name="edit-amount"),
    path("staende/<int:pk>/menge/", budget.edit_quantity, name="edit-quantity"),
    path("staende/<int:pk>/versionen/", versions.version_list, name="versions"),
    path("staende/<int:pk>/vergleich/", versions.version_diff, name="diff"),
    path("staende/<int:pk>/beschliessen/", versions.approve_version, name="approve"),
    path("staende/<int:pk>/neuer-stand/", versions.branch_version, name="branch"),
    path("staende/<int:pk>/szenario/", scenarios.scenario, name="scenario"),
    path("staende/<int:pk>/kuerzung/", scenarios.scenario, name="cut"),  # the former address
    path("staende/<int:pk>/verlauf/", history.history, name="history"),
]
