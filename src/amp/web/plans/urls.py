from __future__ import annotations

from django.urls import path

from amp.web.plans.views import (
    approval,
    budget,
    chapters,
    document_download,
    downloads,
    grid,
    history,
    imports,
    measures,
    operation,
    overview,
    scenarios,
    users,
    versions,
    vouchers,
)

app_name = "plans"
urlpatterns = [
    path("", versions.plan_list, name="list"),
    path("staende/<int:pk>/", overview.version_detail, name="version"),
    path("staende/<int:pk>/tabellen/", overview.version_tables, name="tables"),
    path("staende/<int:pk>/budget/", budget.budget_screen, name="budget"),
    path("staende/<int:pk>/betrag/", budget.edit_amount, name="edit-amount"),
    path("staende/<int:pk>/menge/", budget.edit_quantity, name="edit-quantity"),
    path("staende/<int:pk>/rueckgaengig/", grid.undo, name="undo"),
    path("staende/<int:pk>/einfuegen/", grid.paste_preview, name="paste-preview"),
    path("staende/<int:pk>/einfuegen/speichern/", grid.paste_save, name="paste-save"),
    path("staende/<int:pk>/kommentar/", grid.line_comment, name="line-comment"),
    path("staende/<int:pk>/versionen/", versions.version_list, name="versions"),
    path("staende/<int:pk>/vergleich/", versions.version_diff, name="diff"),
    path("staende/<int:pk>/beschliessen/", approval.approve_version, name="approve"),
    path("staende/<int:pk>/neuer-stand/", versions.branch_version, name="branch"),
    path("staende/<int:pk>/szenario/", scenarios.scenario, name="scenario"),
    path("staende/<int:pk>/kuerzung/", scenarios.scenario, name="cut"),  # the former address
    path("staende/<int:pk>/verlauf/", history.history, name="history"),
    path(
        "staende/<int:pk>/verlauf/<int:entry_id>/zuruecknehmen/",
        history.revert,
        name="history-revert",
    ),
    path("staende/<int:pk>/kapitel/", chapters.chapter_list, name="chapters"),
    path("staende/<int:pk>/kapitel/<int:chapter_pk>/", chapters.chapter_edit, name="chapter"),
    # measures and voucher plans
    path("staende/<int:pk>/massnahmen/", measures.measure_list, name="measures"),
    path(
        "staende/<int:pk>/massnahmen/<str:table_id>/neue-massnahme/",
        measures.measure_add,
        name="measure-add",
    ),
    path(
        "staende/<int:pk>/massnahmen/<str:table_id>/<str:measure_id>/",
        measures.measure_detail,
        name="measure",
    ),
    path(
        "staende/<int:pk>/massnahmen/<str:table_id>/<str:measure_id>/bearbeiten/",
        measures.measure_edit,
        name="measure-edit",
    ),
    path(
        "staende/<int:pk>/massnahmen/<str:table_id>/<str:measure_id>/entfernen/",
        measures.measure_remove,
        name="measure-remove",
    ),
    path("staende/<int:pk>/gutscheine/", vouchers.voucher_plans, name="vouchers"),
    path("staende/<int:pk>/gutscheine/bearbeiten/", vouchers.voucher_edit, name="vouchers-edit"),
    # files: downloads and workbook imports
    path("staende/<int:pk>/bericht.pdf", downloads.download_pdf, name="download-pdf"),
    path("staende/<int:pk>/arbeitsmappe.xlsx", downloads.download_xlsx, name="download-xlsx"),
    path(
        "staende/<int:pk>/arbeitsmarktprogramm.<str:output_format>",
        document_download.download_document,
        name="download-document",
    ),
    path("staende/<int:pk>/import/", imports.import_version, name="import"),
    path(
        "staende/<int:pk>/import/uebernehmen/",
        imports.import_version_confirm,
        name="import-confirm",
    ),
    path("import/", imports.import_plan, name="import-plan"),
    path("import/uebernehmen/", imports.import_plan_confirm, name="import-plan-confirm"),
    # a new Jobcenter's first day (Betrieb, then Planung)
    path("import/vorlage.xlsx", operation.blank_template, name="blank-template"),
    path("import/leerer-plan/", operation.start_empty_plan, name="empty-plan"),
    path("betrieb/", operation.operation_home, name="operation"),
    path("betrieb/jobcenter/neu/", operation.jobcenter_create, name="jobcenter-create"),
    # user administration
    path("verwaltung/benutzer/", users.user_list, name="users"),
    path("verwaltung/<slug:code>/benutzer/neu/", users.user_create, name="user-create"),
    path("verwaltung/<slug:code>/benutzer/<int:user_id>/", users.user_detail, name="user"),
    path("verwaltung/<slug:code>/benutzer/<int:user_id>/rolle/", users.user_role, name="user-role"),
    path(
        "verwaltung/<slug:code>/benutzer/<int:user_id>/entziehen/",
        users.user_remove,
        name="user-remove",
    ),
    path(
        "verwaltung/<slug:code>/benutzer/<int:user_id>/anmeldung/",
        users.user_active,
        name="user-active",
    ),
]
