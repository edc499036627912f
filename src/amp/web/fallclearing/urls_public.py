from __future__ import annotations

from django.urls import path

from amp.web.fallclearing.views import public

app_name = "fallclearing-public"
urlpatterns = [
    path("danke/", public.thanks, name="thanks"),
    path("barrierefreiheit/", public.accessibility, name="accessibility"),
    path("rueckmeldung/", public.feedback, name="feedback"),
    path("<str:token>/", public.start, name="start"),
    path("<str:token>/frage/<slug:question_id>/", public.question, name="question"),
    path("<str:token>/pruefen/", public.check, name="check"),
]
