"""The applicant's pages under /fallclearing/<token>/: privacy notice, one question per
page, check your answers, submit. Without JavaScript, in five languages.

No staff session is used here (`request.user` is anonymous on every public page); no
referrer leaves a page (`Referrer-Policy: no-referrer`); an unknown, expired, submitted or
erased token gets the same page and status, counted against the client by the throttle.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from amp.core.clearing.questionnaire import LANGUAGES, Language, Question, Questionnaire, language
from amp.core.limits import text_problem
from amp.io.clearing import ClearingDocument, read_document
from amp.web.fallclearing import selectors, services
from amp.web.fallclearing.models import ClearingLink
from amp.web.fallclearing.tokens import client_key
from amp.web.security import client_ip

MAX_FEEDBACK = 2000

View = Callable[..., HttpResponse]


def public(view: View) -> View:
    """No staff identity on a public page, no referrer, not indexed.

    Exempt from Django's CSRF check, on purpose: the unguessable token in the address is
    the secret a forged request would need (a capability URL), and with
    `Referrer-Policy: no-referrer` browsers send `Origin: null`, which the check refuses.
    So the public part sets no CSRF cookie either and shares no cookie with staff pages.
    The token-less feedback form is anonymous and throttled per client."""

    @csrf_exempt
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.user = AnonymousUser()
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


@lru_cache(maxsize=1)
def shipped() -> ClearingDocument:
    return read_document()


def keep_days() -> int:
    return int(getattr(settings, "AMP_FALLCLEARING_KEEP_DAYS", services.DEFAULT_KEEP_DAYS))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _context(questionnaire: Questionnaire, lang: Language, **extra: Any) -> dict[str, Any]:
    texts = {key: questionnaire.text(key, lang.code) for key in questionnaire.texts}
    return {
        "t": texts,
        "language": lang,
        "languages": LANGUAGES,
        "accessibility_url": reverse("fallclearing-public:accessibility"),
        "feedback_url": reverse("fallclearing-public:feedback"),
    } | extra


def _requested_language(request: HttpRequest, fallback: str = "de") -> Language:
    return language(request.GET.get("lang") or fallback)


def _invalid(request: HttpRequest, throttled: bool = False) -> HttpResponse:
    lang = _requested_language(request)
    context = _context(shipped().questionnaire, lang, throttled=throttled)
    return render(
        request, "fallclearing/public/invalid.html", context, status=429 if throttled else 404
    )


def _open(request: HttpRequest, token: str) -> tuple[ClearingLink, ClearingDocument] | HttpResponse:
    """The link of the token, or the one page that reveals nothing."""
    client = client_key(client_ip(request))
    if services.throttled(client):
        return _invalid(request, throttled=True)
    link = selectors.open_link(token, timezone.now())
    if link is None:
        services.record_guess(client)
        return _invalid(request)
    wanted = request.GET.get("lang")
    if wanted and language(wanted).code == wanted:
        services.set_language(link, wanted)
    return link, selectors.document(link.questionnaire)


def _url(token: str, name: str, **kwargs: Any) -> str:
    return reverse(f"fallclearing-public:{name}", kwargs={"token": token, **kwargs})


def _resume(token: str, link: ClearingLink, document: ClearingDocument) -> str:
    """Where a returning person goes on: the first unanswered visible question."""
    questionnaire = document.questionnaire
    answers = services.answers_of(link)
    for question in questionnaire.visible(answers):
        if question.id not in answers and (question.required or link.last_question == question.id):
            return _url(token, "question", question_id=question.id)
    return _url(token, "check")


@public
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, token: str) -> HttpResponse:
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    link, document = opened
    if request.method == "POST":
        services.start(link)
        return redirect(_resume(token, link, document))
    q = document.questionnaire
    lang = language(link.language)
    texts = _context(q, lang)["t"]
    context = _context(
        q,
        lang,
        started=link.started_at is not None,
        intro=texts["intro"],
        privacy=_paragraphs(texts["privacy"].replace("{days}", str(keep_days()))),
    )
    return render(request, "fallclearing/public/start.html", context)


def _answer_text(question: Question, values: tuple[str, ...], code: str) -> list[str]:
    if question.kind == "text":
        return list(values)
    return [o.text[code] for o in question.options if o.id in values]


@public
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, token: str, question_id: str) -> HttpResponse:
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    link, document = opened
    q = document.questionnaire
    answers = services.answers_of(link)
    visible = q.visible(answers)
    asked = next((x for x in visible if x.id == question_id), None)
    if asked is None or link.started_at is None:
        return redirect(_url(token, "start"))
    from_check = request.GET.get("pruefen") == "1" or request.POST.get("pruefen") == "1"
    lang = language(link.language)
    error = None
    values: tuple[str, ...] = answers.get(asked.id, ())
    if request.method == "POST":
        submitted = request.POST.getlist("antwort")
        if asked.kind == "text":
            submitted = [request.POST.get("antwort", "")]
        _cleaned, problem = services.save_answer(link, document, asked.id, submitted)
        if problem is None:
            answers = services.answers_of(link)
            following = q.following(answers, asked.id)
            if from_check:
                missing = q.missing(q.effective(answers))
                return redirect(
                    _url(token, "question", question_id=missing[0].id)
                    if missing
                    else _url(token, "check")
                )
            return redirect(
                _url(token, "question", question_id=following.id)
                if following
                else _url(token, "check")
            )
        error = q.text(problem.key, lang.code).replace("{limit}", str(problem.limit))
        values = tuple(v for v in submitted if v) if asked.kind == "text" else ()
    else:
        services.shown(link, asked.id)
    previous = q.previous(answers, asked.id)
    back = (
        _url(token, "check")
        if from_check
        else _url(token, "question", question_id=previous.id)
        if previous
        else _url(token, "start")
    )
    number = [x.id for x in visible].index(asked.id) + 1
    options = [
        {"id": o.id, "text": o.text[lang.code], "checked": o.id in values} for o in asked.options
    ]
    context = _context(
        q,
        lang,
        question=asked,
        text=asked.text[lang.code],
        hint=asked.hint[lang.code] if asked.hint else "",
        options=options,
        value=values[0] if asked.kind == "text" and values else "",
        error=error,
        back=back,
        from_check=from_check,
        progress=q.text("question_of", lang.code)
        .replace("{number}", str(number))
        .replace("{total}", str(len(visible))),
    )
    return render(
        request, "fallclearing/public/question.html", context, status=400 if error else 200
    )


@public
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, token: str) -> HttpResponse:
    opened = _open(request, token)
    if isinstance(opened, HttpResponse):
        return opened
    link, document = opened
    if link.started_at is None:
        return redirect(_url(token, "start"))
    q = document.questionnaire
    lang = language(link.language)
    answers = q.effective(services.answers_of(link))
    missing = {x.id for x in q.missing(answers)}
    if request.method == "POST" and not missing:
        services.submit(link, document)
        return redirect(reverse("fallclearing-public:thanks") + f"?lang={lang.code}")
    rows = [
        {
            "id": x.id,
            "question": x.text[lang.code],
            "answer": _answer_text(x, answers.get(x.id, ()), lang.code),
            "missing": x.id in missing,
            "change": _url(token, "question", question_id=x.id) + "?pruefen=1",
        }
        for x in q.visible(answers)
    ]
    context = _context(q, lang, rows=rows, missing=bool(missing) and request.method == "POST")
    status = 400 if missing and request.method == "POST" else 200
    return render(request, "fallclearing/public/check.html", context, status=status)


@public
def thanks(request: HttpRequest) -> HttpResponse:
    context = _context(shipped().questionnaire, _requested_language(request))
    return render(request, "fallclearing/public/thanks.html", context)


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    q = shipped().questionnaire
    lang = _requested_language(request)
    statement = _paragraphs(q.text("accessibility_statement", lang.code))
    return render(
        request,
        "fallclearing/public/accessibility.html",
        _context(q, lang, statement=statement),
    )


@public
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest) -> HttpResponse:
    q = shipped().questionnaire
    lang = _requested_language(request)
    error = None
    text = ""
    sent = False
    if request.method == "POST":
        text = request.POST.get("nachricht", "").strip()
        client = client_key(client_ip(request))
        if services.throttled(client):
            return _invalid(request, throttled=True)
        if not text:
            error = q.text("error_required", lang.code)
        elif len(text) > MAX_FEEDBACK:
            error = q.text("error_too_long", lang.code).replace("{limit}", str(MAX_FEEDBACK))
        elif text_problem(text, MAX_FEEDBACK):
            error = q.text("error_characters", lang.code)
        else:
            services.feedback(lang.code, text)
            services.record_guess(client)  # also limits how much one client can send
            sent = True
            text = ""
    context = _context(q, lang, error=error, text=text, sent=sent, limit=MAX_FEEDBACK)
    return render(
        request, "fallclearing/public/feedback.html", context, status=400 if error else 200
    )
