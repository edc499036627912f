"""Triage rules as data: answers → a suggestion of a track, a Förderkette stage and the
role that takes the case over.

The first rule whose conditions all hold decides; without one, the default track. Tracks
name the stage of the Förderkette (`amp.core.pathways`) whose offers fit, and rules the
pathway by an answer (u25 or ü25). The caseworker confirms or changes the suggestion.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from amp.core.clearing.questionnaire import Condition, Questionnaire
from amp.core.limits import MAX_ID, MAX_NAME, MAX_TEXT
from amp.core.problems import InputProblems, Place, Problem

ROLES = ("integration", "fallmanagement")


@dataclass(frozen=True, slots=True)
class Track:
    id: str
    label: str  # German, for the caseworker
    stage: str | None  # id of a stage of the Förderkette; None: no stage fits yet
    role: str  # who takes the case over: integration or fallmanagement
    measures: tuple[str, ...] = ()  # measures of the plan to offer besides the stage's offers


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: tuple[Condition, ...]
    track: str
    reason: str  # German: why, for the caseworker
    sensitive: bool = False  # reads a health answer: the reason is for the Fallmanagement only


@dataclass(frozen=True, slots=True)
class Triage:
    tracks: Mapping[str, Track]
    rules: tuple[Rule, ...]
    default: str
    pathway_question: str | None = None
    pathways: Mapping[str, str] | None = None  # option id → pathway id


@dataclass(frozen=True, slots=True)
class Suggestion:
    track: str
    label: str
    stage: str | None
    role: str
    pathway: str | None
    measures: tuple[str, ...]
    reasons: tuple[str, ...]
    rule: str | None  # None: the default
    sensitive: bool = False  # the reasons speak of health answers

    def as_dict(self) -> dict[str, Any]:
        return {
            "track": self.track,
            "label": self.label,
            "stage": self.stage,
            "role": self.role,
            "pathway": self.pathway,
            "measures": list(self.measures),
            "reasons": list(self.reasons),
            "rule": self.rule,
            "sensitive": self.sensitive,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Suggestion:
        return cls(
            track=str(data["track"]),
            label=str(data["label"]),
            stage=data.get("stage"),
            role=str(data["role"]),
            pathway=data.get("pathway"),
            measures=tuple(data.get("measures") or ()),
            reasons=tuple(data.get("reasons") or ()),
            rule=data.get("rule"),
            sensitive=bool(data.get("sensitive", False)),
        )


def suggest(triage: Triage, answers: Mapping[str, tuple[str, ...]]) -> Suggestion:
    """The suggestion for these answers (the visible ones; see `Questionnaire.effective`)."""
    pathway = None
    if triage.pathway_question and triage.pathways:
        for value in answers.get(triage.pathway_question, ()):
            pathway = triage.pathways.get(value, pathway)
    for rule in triage.rules:
        if all(condition.holds(answers) for condition in rule.when):
            track = triage.tracks[rule.track]
            return Suggestion(
                track.id,
                track.label,
                track.stage,
                track.role,
                pathway,
                track.measures,
                (rule.reason,),
                rule.id,
                rule.sensitive,
            )
    track = triage.tracks[triage.default]
    reason = "Keine Regel trifft zu: Standardvorschlag."
    return Suggestion(
        track.id, track.label, track.stage, track.role, pathway, track.measures, (reason,), None
    )


def _conditions(
    raw: Any, where: str, questionnaire: Questionnaire, problems: list[Problem], file: str | None
) -> tuple[Condition, ...]:
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(Place(file=file, path=where), "Bedingungen (Liste) fehlen"))
        return ()
    conditions: list[Condition] = []
    for index, item in enumerate(raw):
        c_where = f"{where}[{index}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(Place(file=file, path=c_where), "keine Zuordnung"))
            continue
        target = str(item.get("question") or "")
        question = questionnaire.question(target)
        any_of = item.get("any_of")
        if question is None or question.kind == "text":
            problems.append(
                Problem(Place(file=file, path=c_where), f"keine Auswahlfrage „{target}“")
            )
            continue
        if not isinstance(any_of, list) or not any_of:
            problems.append(Problem(Place(file=file, path=c_where), "any_of fehlt"))
            continue
        unknown = [str(v) for v in any_of if question.option(str(v)) is None]
        if unknown:
            problems.append(
                Problem(
                    Place(file=file, path=c_where),
                    f"„{target}“ hat keine Antwort {', '.join(unknown)}",
                )
            )
        conditions.append(Condition(target, tuple(str(v) for v in any_of)))
    return tuple(conditions)


def triage_from_data(data: Any, questionnaire: Questionnaire, file: str | None = None) -> Triage:
    """The triage rules of a mapping, checked against the questionnaire they read."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping):
        raise InputProblems([Problem(Place(file=file, path="triage"), "Regeln fehlen")])
    tracks: dict[str, Track] = {}
    raw_tracks = data.get("tracks")
    if not isinstance(raw_tracks, Mapping) or not raw_tracks:
        problems.append(Problem(Place(file=file, path="triage.tracks"), "Wege fehlen"))
        raw_tracks = {}
    for key, raw in raw_tracks.items():
        where = f"triage.tracks.{key}"
        if not isinstance(raw, Mapping):
            problems.append(Problem(Place(file=file, path=where), "keine Zuordnung"))
            continue
        label = str(raw.get("label") or "").strip()
        if not label or len(label) > MAX_NAME:
            problems.append(Problem(Place(file=file, path=f"{where}.label"), "Bezeichnung fehlt"))
        role = str(raw.get("role") or "")
        if role not in ROLES:
            problems.append(
                Problem(
                    Place(file=file, path=f"{where}.role"),
                    f"Rolle „{role}“ unbekannt (erlaubt: {', '.join(ROLES)})",
                )
            )
        stage = raw.get("stage")
        if stage is not None and (not isinstance(stage, str) or len(stage) > MAX_ID):
            problems.append(Problem(Place(file=file, path=f"{where}.stage"), "Stufe ungültig"))
        measures = raw.get("measures") or []
        if not isinstance(measures, list):
            problems.append(Problem(Place(file=file, path=f"{where}.measures"), "keine Liste"))
            measures = []
        tracks[str(key)] = Track(str(key), label, stage, role, tuple(str(m) for m in measures))
    rules: list[Rule] = []
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        problems.append(Problem(Place(file=file, path="triage.rules"), "keine Liste"))
        raw_rules = []
    for index, raw in enumerate(raw_rules):
        where = f"triage.rules[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(Problem(Place(file=file, path=where), "keine Zuordnung"))
            continue
        track = str(raw.get("track") or "")
        if track not in tracks:
            problems.append(
                Problem(Place(file=file, path=f"{where}.track"), f"Weg „{track}“ unbekannt")
            )
        reason = str(raw.get("reason") or "").strip()
        if not reason or len(reason) > MAX_TEXT:
            problems.append(Problem(Place(file=file, path=f"{where}.reason"), "Begründung fehlt"))
        when = _conditions(raw.get("when"), f"{where}.when", questionnaire, problems, file)
        sensitive = any(
            (q := questionnaire.question(c.question)) is not None and q.sensitive for c in when
        )
        rules.append(
            Rule(str(raw.get("id") or f"regel_{index + 1}"), when, track, reason, sensitive)
        )
    default = str(data.get("default") or "")
    if default not in tracks:
        problems.append(
            Problem(Place(file=file, path="triage.default"), f"Weg „{default}“ unbekannt")
        )
    pathway_question = None
    pathways: dict[str, str] | None = None
    raw_pathway = data.get("pathway")
    if raw_pathway is not None:
        if not isinstance(raw_pathway, Mapping) or not isinstance(raw_pathway.get("map"), Mapping):
            problems.append(
                Problem(Place(file=file, path="triage.pathway"), "question und map fehlen")
            )
        else:
            pathway_question = str(raw_pathway.get("question") or "")
            question = questionnaire.question(pathway_question)
            if question is None:
                problems.append(
                    Problem(
                        Place(file=file, path="triage.pathway"), f"Frage „{pathway_question}“ fehlt"
                    )
                )
            pathways = {str(k): str(v) for k, v in raw_pathway["map"].items()}
            if question is not None:
                unknown = [k for k in pathways if question.option(k) is None]
                if unknown:
                    problems.append(
                        Problem(
                            Place(file=file, path="triage.pathway.map"),
                            f"„{pathway_question}“ hat keine Antwort {', '.join(unknown)}",
                        )
                    )
    if problems:
        raise InputProblems(problems)
    return Triage(tracks, tuple(rules), default, pathway_question, pathways)
