from __future__ import annotations

from django.urls import path

from amp.web.fallclearing.views import staff

app_name = "fallclearing"
urlpatterns = [
    path("", staff.index, name="index"),
    path("<slug:code>/", staff.overview, name="overview"),
    path("<slug:code>/links/", staff.links, name="links"),
    path("<slug:code>/links/neu/", staff.link_new, name="link-new"),
    path("<slug:code>/links/liste/", staff.link_list, name="link-list"),
    path("<slug:code>/links/briefe.pdf", staff.letters, name="letters"),
    path("<slug:code>/eingang/", staff.inbox, name="inbox"),
    path("<slug:code>/eingang/<int:pk>/", staff.case, name="case"),
    path("<slug:code>/statistik/", staff.statistics, name="statistics"),
    path("<slug:code>/fragebogen/", staff.questionnaire, name="questionnaire"),
    path(
        "<slug:code>/fragebogen/<int:pk>.yaml", staff.questionnaire_file, name="questionnaire-file"
    ),
]
