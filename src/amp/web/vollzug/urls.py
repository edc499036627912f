from __future__ import annotations

from django.urls import path

from amp.web.vollzug.views import funds, imports, plan_updates, screens

app_name = "vollzug"
urlpatterns = [
    path("<slug:code>/<int:year>/", screens.overview, name="overview"),
    path("<slug:code>/<int:year>/zeilen/<str:line_id>/", screens.line, name="line"),
    path("<slug:code>/<int:year>/zeilen/<str:line_id>/einmalig/", screens.one_off, name="one-off"),
    path("<slug:code>/<int:year>/warnungen/", screens.alerts, name="alerts"),
    path("<slug:code>/<int:year>/mittel/", funds.funds, name="funds"),
    path("<slug:code>/<int:year>/umschichtung/", plan_updates.reallocation, name="reallocation"),
    path("<slug:code>/<int:year>/folgejahr/", plan_updates.next_year, name="next-year"),
    path(
        "<slug:code>/<int:year>/folgejahr/<int:version_id>/herkunft/",
        plan_updates.origin,
        name="origin",
    ),
    path("<slug:code>/<int:year>/kontenzuordnung/", screens.mapping, name="mapping"),
    path("<slug:code>/<int:year>/bericht.pdf", screens.report_pdf, name="report"),
    path("<slug:code>/<int:year>/import/", imports.upload, name="import"),
    path("<slug:code>/<int:year>/import/uebernehmen/", imports.confirm, name="import-confirm"),
]
