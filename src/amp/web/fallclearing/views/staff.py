"""The staff screens of the Fallclearing: links (singly, from a list, letters), the
caseworkers' inbox with suggestion and offers, statistics, the questionnaire version.
Thin: selectors read and check rights, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from amp.core.clearing.profile import finder_profile
from amp.core.clearing.statistics import LinkFacts, summarize
from amp.core.clearing.triage import Suggestion
from amp.core.problems import InputProblems
from amp.rules.law import load_law
from amp.rules.offer_rules import with_legal_checks
from amp.web.fallclearing import letter, selectors, services
from amp.web.fallclearing.forms import DecisionForm, LinkForm, ListForm, QuestionnaireForm
from amp.web.fallclearing.models import AnswerRead, ClearingLink, Feedback
from amp.web.fallclearing.selectors import Access
from amp.web.fallclearing.suggestions import finder_matches, offers_for
from amp.web.fallclearing.tokens import digest, well_formed
from amp.web.plans.models import Role


def _page(access: Access, active: str, **extra: Any) -> dict[str, Any]:
    return {"access": access, "jobcenter": access.jobcenter, "active": active} | extra


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    areas = selectors.areas(request.user)
    if len(areas) == 1:
        return redirect("fallclearing:overview", code=areas[0].jobcenter.code)
    return render(request, "fallclearing/staff/index.html", {"areas": areas})


@login_required
@require_GET
def overview(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code)
    questionnaire = selectors.current_questionnaire(access.jobcenter)
    context = _page(access, "overview", questionnaire=questionnaire)
    if access.reads_answers:
        context["new"] = selectors.inbox(access).filter(decided_at__isnull=True).count()
    if access.creates_links:
        context["open"] = selectors.pending(access).filter(expires_at__gt=timezone.now()).count()
    return render(request, "fallclearing/staff/overview.html", context)


def _public_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("fallclearing-public:start", args=[token]))


def _created(
    request: HttpRequest, access: Access, created: list[tuple[ClearingLink, str]]
) -> HttpResponse:
    rows = [
        {
            "reference": link.reference,
            "expires": link.expires_at,
            "token": token,
            "url": _public_url(request, token),
        }
        for link, token in created
    ]
    return render(request, "fallclearing/staff/created.html", _page(access, "links", rows=rows))


@login_required
def link_new(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code, selectors.LINK_CREATORS)
    form = LinkForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_links(
                access, [form.cleaned_data["kennung"]], form.cleaned_data["tage"], request.user
            )
        except InputProblems as exc:
            problems = [p.message for p in exc.problems]
        else:
            return _created(request, access, created)
    context = _page(access, "links", form=form, problems=problems, list_form=ListForm())
    return render(
        request,
        "fallclearing/staff/link_new.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def link_list(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code, selectors.LINK_CREATORS)
    form = ListForm(request.POST, request.FILES)
    problems: list[str] = []
    if form.is_valid():
        upload = form.cleaned_data["datei"]
        try:
            references = services.references_from_csv(upload.read(), upload.name)
            created = services.create_links(
                access, references, form.cleaned_data["tage"], request.user
            )
        except InputProblems as exc:
            problems = [str(p) for p in exc.problems]
        else:
            return _created(request, access, created)
    context = _page(access, "links", form=LinkForm(), list_form=form, problems=problems)
    return render(request, "fallclearing/staff/link_new.html", context, status=400)


@login_required
@require_POST
def letters(request: HttpRequest, code: str) -> HttpResponse:
    """The letters for tokens just created (posted back from the result page, never in a
    URL); only tokens of open links of this Jobcenter."""
    access = selectors.access(request.user, code, selectors.LINK_CREATORS)
    tokens = [t for t in request.POST.getlist("token") if well_formed(t)][: services.MAX_LIST]
    by_digest = {digest(t): t for t in tokens}
    links = ClearingLink.objects.filter(
        jobcenter=access.jobcenter, digest__in=by_digest, submitted_at__isnull=True
    ).order_by("reference")
    pages = [
        letter.Letter(link.reference, _public_url(request, by_digest[link.digest]), link.expires_at)
        for link in links
    ]
    if not pages:
        raise PermissionDenied("Für diese Links gibt es keinen Brief (mehr).")
    pdf = letter.letters_pdf(access.jobcenter.name, pages)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"Fallclearing-Briefe-{timezone.localdate().isoformat()}.pdf"
    )
    return response


@login_required
def links(request: HttpRequest, code: str) -> HttpResponse:
    """Links not yet answered: reference and times, never answers; a new token on request."""
    access = selectors.access(request.user, code, selectors.LINK_CREATORS)
    if request.method == "POST":
        link = selectors.pending(access).filter(pk=request.POST.get("link") or 0).first()
        if link is None:
            messages.error(request, "Diesen Link gibt es nicht (mehr).")
            return redirect("fallclearing:links", code=code)
        token = services.reissue(access, link, services.DEFAULT_DAYS)
        return _created(request, access, [(link, token)])
    now = timezone.now()
    rows = list(selectors.pending(access)[:500])
    return render(
        request, "fallclearing/staff/links.html", _page(access, "links", rows=rows, now=now)
    )


@login_required
@require_GET
def inbox(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code, selectors.CASEWORKERS)
    everything = request.GET.get("alle") == "1"
    rows = [
        {"link": link, "suggestion": Suggestion.from_dict(link.suggestion)}
        for link in selectors.inbox(access, everything)[:500]
    ]
    context = _page(access, "inbox", rows=rows, everything=everything)
    return render(request, "fallclearing/staff/inbox.html", context)


@login_required
def case(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """One applicant's answers with the suggestion and offers; every view is audited.
    Health answers only for the Fallmanagement."""
    access = selectors.access(request.user, code, selectors.CASEWORKERS)
    link = selectors.link_of(access, pk)
    document = selectors.document(link.questionnaire)
    suggestion = Suggestion.from_dict(link.suggestion)
    reasons = list(suggestion.reasons)
    if suggestion.sensitive and not access.reads_health:
        reasons = [
            "Die Begründung beruht auf Gesundheitsangaben; sie sieht nur das Fallmanagement."
        ]
    tracks = [(t.id, t.label) for t in document.triage.tracks.values()]
    form = DecisionForm(
        request.POST or None,
        tracks=tracks,
        initial={"weg": link.decided_track or suggestion.track, "vermerk": link.decision_note},
    )
    if request.method == "POST" and form.is_valid():
        services.decide(link, form.cleaned_data["weg"], form.cleaned_data["vermerk"], request.user)
        confirmed = form.cleaned_data["weg"] == suggestion.track
        messages.success(
            request, "Vorschlag bestätigt." if confirmed else "Weg geändert und gespeichert."
        )
        return redirect("fallclearing:case", code=code, pk=pk)
    q = document.questionnaire
    answers = services.answers_of(link)
    rows = []
    hidden = 0
    for question in q.visible(answers):
        if question.sensitive and not access.reads_health:
            hidden += 1
            continue
        values = answers.get(question.id, ())
        shown = (
            list(values)
            if question.kind == "text"
            else [o.text["de"] for o in question.options if o.id in values]
        )
        rows.append(
            {"question": question.text["de"], "answers": shown, "sensitive": question.sensitive}
        )
    services.record_read(request.user, link, with_health=access.reads_health)
    decided = document.triage.tracks.get(link.decided_track) if link.decided_track else None
    on = timezone.localdate()
    # health answers describe the person to the finder only for the Fallmanagement
    profile = finder_profile(document.finder, q, answers, suggestion.stage, access.reads_health)
    context = _page(
        access,
        "inbox",
        link=link,
        rows=rows,
        hidden=hidden,
        suggestion=suggestion,
        reasons=reasons,
        offers=offers_for(access.jobcenter, suggestion, on),
        matches=finder_matches(access.jobcenter, with_legal_checks(load_law(), profile, on), on),
        decided=decided,
        form=form,
        version=link.questionnaire.version,
    )
    return render(
        request, "fallclearing/staff/case.html", context, status=400 if form.errors else 200
    )


@login_required
@require_GET
def statistics(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code, selectors.STATISTICS_READERS)
    questionnaire = selectors.current_questionnaire(access.jobcenter)
    links = ClearingLink.objects.filter(jobcenter=access.jobcenter)
    if questionnaire is not None:
        links = links.filter(questionnaire=questionnaire)
    facts = [
        LinkFacts(x.created_at, x.expires_at, x.started_at, x.submitted_at, x.last_question or None)
        for x in links.only(
            "created_at", "expires_at", "started_at", "submitted_at", "last_question"
        )
    ]
    context = _page(access, "statistics", questionnaire=questionnaire)
    if questionnaire is not None:
        q = selectors.document(questionnaire).questionnaire
        summary = summarize(facts, q, timezone.now())
        texts = {x.id: x.text["de"] for x in q.questions}
        context |= {
            "summary": summary,
            "dropoff": [(texts[qid], count) for qid, count in summary.dropoff],
        }
    context["feedback"] = Feedback.objects.all()[:50]
    if access.role == Role.ADMIN:  # the audit of reads, for Administration (and data protection)
        context["reads"] = (
            AnswerRead.objects.filter(jobcenter=access.jobcenter)
            .select_related("user")
            .order_by("-at", "-id")[:200]
        )
    return render(request, "fallclearing/staff/statistics.html", context)


@login_required
def questionnaire(request: HttpRequest, code: str) -> HttpResponse:
    access = selectors.access(request.user, code, selectors.QUESTIONNAIRE_EDITORS)
    form = QuestionnaireForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["datei"]
        try:
            text = upload.read().decode("utf-8")
            version = services.upload_questionnaire(
                access.jobcenter, text, upload.name, request.user
            )
        except UnicodeDecodeError:
            problems = ["Die Datei ist nicht UTF-8-kodiert."]
        except InputProblems as exc:
            problems = [str(p) for p in exc.problems]
        else:
            messages.success(request, f"Fassung {version.version} gilt ab jetzt für neue Links.")
            return redirect("fallclearing:questionnaire", code=code)
    current = services.ensure_questionnaire(access.jobcenter)
    versions = access.jobcenter.questionnaires.all()
    context = _page(
        access, "questionnaire", form=form, problems=problems, current=current, versions=versions
    )
    return render(
        request,
        "fallclearing/staff/questionnaire.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def questionnaire_file(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """A stored questionnaire version as YAML: the starting point for the next version."""
    from amp.io.plan_writer import dump_yaml

    access = selectors.access(request.user, code, selectors.QUESTIONNAIRE_EDITORS)
    version = access.jobcenter.questionnaires.filter(pk=pk).first()
    if version is None:
        raise Http404("Diese Fassung gibt es nicht.")
    response = HttpResponse(
        dump_yaml(version.document), content_type="application/yaml; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(
        True, f"fragebogen-{version.version}.yaml"
    )
    return response
