from __future__ import annotations

from django.urls import path

from amp.web.massnahmen.views import imports, screens

app_name = "massnahmen"
urlpatterns = [
    path("<slug:code>/<int:year>/", screens.overview, name="overview"),
    path("<slug:code>/<int:year>/massnahme/<str:measure>/", screens.measure, name="measure"),
    path("<slug:code>/<int:year>/ausschreibungen/", screens.tenders, name="tenders"),
    path("<slug:code>/<int:year>/gutscheine/", screens.vouchers, name="vouchers"),
    path("<slug:code>/<int:year>/bilanz/", screens.bilanz, name="bilanz"),
    path("<slug:code>/<int:year>/bilanz.<str:kind>", screens.bilanz_file, name="bilanz-file"),
    path("<slug:code>/<int:year>/freie-plaetze/", screens.free, name="free"),
    path("<slug:code>/<int:year>/import/", imports.upload, name="import"),
    path("<slug:code>/<int:year>/import/uebernehmen/", imports.confirm, name="import-confirm"),
]
