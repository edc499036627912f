"""Writing in the Online-Fallclearing: questionnaire versions, links, answers, submission,
the caseworker's decision, the audit of reads, the guess throttle, deletion after the
period. Every write goes through here."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from amp.core.clearing.questionnaire import validate
from amp.core.clearing.triage import suggest
from amp.core.limits import MAX_ID
from amp.core.problems import InputProblems, Place, Problem
from amp.io.clearing import ClearingDocument, parse_document, read_document
from amp.web.fallclearing import selectors
from amp.web.fallclearing.models import (
    AnswerRead,
    ClearingLink,
    Feedback,
    GuessAttempt,
    QuestionnaireVersion,
)
from amp.web.fallclearing.selectors import Access
from amp.web.fallclearing.tokens import digest, new_token
from amp.web.plans.models import Jobcenter

DEFAULT_DAYS = 14  # a link is valid this long
MAX_DAYS = 60
MAX_LIST = 500  # links created from one list
GUESS_LIMIT = 20  # invalid tokens per client and hour before the throttle answers
GUESS_WINDOW = timedelta(hours=1)
DEFAULT_KEEP_DAYS = 90  # answers are deleted this long after submission or expiry
REFERENCE_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./")


def reference_problem(reference: str) -> str | None:
    if not reference:
        return "Kennung fehlt"
    if len(reference) > MAX_ID:
        return f"Kennung zu lang: höchstens {MAX_ID} Zeichen (eingegeben: {len(reference)})"
    bad = sorted({c for c in reference if c not in REFERENCE_CHARS})
    if bad:
        return (
            "Kennung nur aus Buchstaben A–Z, Ziffern und - _ . / (keine Namen); "
            f"nicht erlaubt: {' '.join(bad)}"
        )
    return None


def ensure_questionnaire(jobcenter: Jobcenter) -> QuestionnaireVersion:
    """The Jobcenter's current questionnaire; the one shipped with amp on first use."""
    current = selectors.current_questionnaire(jobcenter)
    if current is not None:
        return current
    shipped = read_document()
    version, _ = QuestionnaireVersion.objects.get_or_create(
        jobcenter=jobcenter,
        version=shipped.questionnaire.version,
        defaults={"document": shipped.data},
    )
    return version


def upload_questionnaire(
    jobcenter: Jobcenter, text: str, name: str, user: Any
) -> QuestionnaireVersion:
    """A new questionnaire version from uploaded YAML; `InputProblems` with every problem."""
    parsed: ClearingDocument = parse_document(text, name, trusted=False)
    version = parsed.questionnaire.version
    if QuestionnaireVersion.objects.filter(jobcenter=jobcenter, version=version).exists():
        raise InputProblems(
            [
                Problem(
                    Place(file=name, path="version"),
                    f"Die Fassung „{version}“ gibt es schon; bitte eine neue Fassung angeben.",
                )
            ]
        )
    return QuestionnaireVersion.objects.create(
        jobcenter=jobcenter, version=version, document=parsed.data, created_by=user
    )


def create_links(
    access: Access, references: list[str], days: int, user: Any, now: datetime | None = None
) -> list[tuple[ClearingLink, str]]:
    """One link per reference, all or none; returns each link with its token (shown once)."""
    now = now or timezone.now()
    questionnaire = ensure_questionnaire(access.jobcenter)
    taken = set(
        ClearingLink.objects.filter(
            jobcenter=access.jobcenter, reference__in=references
        ).values_list("reference", flat=True)
    )
    problems = [
        Problem(Place(field="Kennung"), f"Für „{r}“ gibt es schon einen Link.")
        for r in references
        if r in taken
    ]
    if problems:
        raise InputProblems(problems)
    created: list[tuple[ClearingLink, str]] = []
    try:
        with transaction.atomic():
            for reference in references:
                token = new_token()
                link = ClearingLink.objects.create(
                    jobcenter=access.jobcenter,
                    questionnaire=questionnaire,
                    reference=reference,
                    digest=digest(token),
                    created_at=now,
                    created_by=user,
                    expires_at=now + timedelta(days=days),
                )
                created.append((link, token))
    except IntegrityError as exc:  # a parallel request took a reference first
        raise InputProblems(
            [Problem(Place(field="Kennung"), "Für eine Kennung gibt es inzwischen einen Link.")]
        ) from exc
    return created


def reissue(access: Access, link: ClearingLink, days: int, now: datetime | None = None) -> str:
    """A new token for an unsubmitted link (the letter got lost); the old one stops working."""
    now = now or timezone.now()
    token = new_token()
    link.digest = digest(token)
    link.expires_at = now + timedelta(days=days)
    link.save(update_fields=["digest", "expires_at"])
    return token


def references_from_csv(data: bytes, name: str) -> list[str]:
    """Kennungen from a CSV file: one per line (column „Kennung“ or the first column)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputProblems(
            [Problem(Place(file=name), "Die Datei ist nicht UTF-8-kodiert.")]
        ) from exc
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if ";" in text else ","))
    column = 0
    start = 0
    if rows and any(cell.strip().lower() == "kennung" for cell in rows[0]):
        column = [cell.strip().lower() for cell in rows[0]].index("kennung")
        start = 1
    problems: list[Problem] = []
    references: list[str] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue
        reference = row[column].strip() if column < len(row) else ""
        problem = reference_problem(reference)
        if problem:
            problems.append(Problem(Place(file=name, row=number, column="Kennung"), problem))
        elif reference in seen:
            problems.append(
                Problem(
                    Place(file=name, row=number, column="Kennung"),
                    f"„{reference}“ steht schon in Zeile {seen[reference]}",
                )
            )
        else:
            seen[reference] = number
            references.append(reference)
    if not references and not problems:
        problems.append(Problem(Place(file=name), "Die Liste enthält keine Kennung."))
    if len(references) > MAX_LIST:
        problems.append(
            Problem(
                Place(file=name),
                f"Zu viele Kennungen: höchstens {MAX_LIST} je Liste (gefunden: {len(references)}).",
            )
        )
    if problems:
        raise InputProblems(problems)
    return references


def start(link: ClearingLink, now: datetime | None = None) -> None:
    if link.started_at is None:
        link.started_at = now or timezone.now()
        link.save(update_fields=["started_at"])


def set_language(link: ClearingLink, code: str) -> None:
    if link.language != code:
        link.language = code
        link.save(update_fields=["language"])


def shown(link: ClearingLink, question_id: str) -> None:
    """The last question shown: where a person who stops dropped off (statistics)."""
    if link.last_question != question_id:
        link.last_question = question_id
        link.save(update_fields=["last_question"])


def answers_of(link: ClearingLink) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in (link.answers or {}).items()}


def save_answer(
    link: ClearingLink, document: ClearingDocument, question_id: str, values: list[str]
) -> tuple[tuple[str, ...], Any]:
    """Validate and keep one answer; returns the cleaned answer and the error (or None)."""
    question = document.questionnaire.question(question_id)
    assert question is not None
    cleaned, error = validate(question, values)
    if error is None:
        answers = dict(link.answers or {})
        if cleaned:
            answers[question_id] = list(cleaned)
        else:
            answers.pop(question_id, None)
        link.answers = answers
        link.save(update_fields=["answers"])
    return cleaned, error


def submit(link: ClearingLink, document: ClearingDocument, now: datetime | None = None) -> bool:
    """Submit once: the visible answers are kept and the suggestion computed. False when a
    required question is unanswered."""
    answers = document.questionnaire.effective(answers_of(link))
    if document.questionnaire.missing(answers):
        return False
    updated = ClearingLink.objects.filter(pk=link.pk, submitted_at__isnull=True).update(
        submitted_at=now or timezone.now(),
        answers={k: list(v) for k, v in answers.items()},
        suggestion=suggest(document.triage, answers).as_dict(),
        last_question="",
    )
    return updated == 1


def decide(link: ClearingLink, track: str, note: str, user: Any) -> None:
    link.decided_track = track
    link.decision_note = note
    link.decided_by = user
    link.decided_at = timezone.now()
    link.save(update_fields=["decided_track", "decision_note", "decided_by", "decided_at"])


def record_read(user: Any, link: ClearingLink, with_health: bool) -> None:
    AnswerRead.objects.create(
        user=user,
        link=link,
        jobcenter=link.jobcenter,
        reference=link.reference,
        with_health=with_health,
    )


def throttled(client: str, now: datetime | None = None) -> bool:
    since = (now or timezone.now()) - GUESS_WINDOW
    return GuessAttempt.objects.filter(client=client, at__gt=since).count() >= GUESS_LIMIT


def record_guess(client: str, now: datetime | None = None) -> None:
    now = now or timezone.now()
    GuessAttempt.objects.filter(at__lte=now - GUESS_WINDOW).delete()
    GuessAttempt.objects.create(client=client)


def feedback(language: str, text: str) -> None:
    Feedback.objects.create(language=language, text=text)


def erase_answers(days: int = DEFAULT_KEEP_DAYS, now: datetime | None = None) -> int:
    """Delete the answers (and suggestion, decision note) of links submitted, or expired
    unsubmitted, more than `days` ago; times stay for the statistics. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    from django.db.models import Q

    due = ClearingLink.objects.filter(erased_at__isnull=True).filter(
        Q(submitted_at__lte=cutoff) | Q(submitted_at__isnull=True, expires_at__lte=cutoff)
    )
    return due.update(answers={}, suggestion=None, decision_note="", erased_at=now)
