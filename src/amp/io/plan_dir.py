"""The plan directory: one YAML file per part of the plan, read into one `Plan`.

Loading either yields a complete plan or a list of every problem found, each with file,
line, path and a German message. Nothing in between: a plan with an error is not returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amp.core.edit import format_path
from amp.core.findings import ModelPath
from amp.core.limits import plan_limit_problems
from amp.core.plan import Plan
from amp.core.problems import InputProblems, Place, Problem
from amp.io.cache import cached, files_under
from amp.io.yaml_source import YamlDocument, YamlError, read_yaml

if TYPE_CHECKING:
    from pydantic import TypeAdapter, ValidationError


@dataclass(frozen=True, slots=True)
class PlanFile:
    """Where one part of the plan lives in the directory."""

    name: str  # file name, or folder name for `many`
    field: str | None  # the Plan attribute it fills; None: plan.yaml's own top-level fields
    wrapper: str | None = None  # key the file nests its list under ("claims: [...]")
    many: bool = False  # a folder of files, one list entry each
    required: bool = False


PLAN_FILES: tuple[PlanFile, ...] = (
    PlanFile("plan.yaml", None, required=True),
    PlanFile("budget.yaml", "budget", required=True),
    PlanFile("funding.yaml", "funding"),
    PlanFile("target_groups.yaml", "target_groups"),
    PlanFile("municipal_services.yaml", "municipal_services"),
    PlanFile("measures", "measure_tables", many=True),
    PlanFile("training_vouchers.yaml", "training_vouchers"),
    PlanFile("avgs.yaml", "avgs"),
    PlanFile("targets.yaml", "targets", wrapper="targets"),
    PlanFile("pathways.yaml", "pathways", wrapper="pathways"),
    PlanFile("claims.yaml", "claims", wrapper="claims"),
    PlanFile("prose.yaml", "prose"),
    PlanFile("angebote.yaml", "offers"),
)
PLAN_FILE_FIELDS = ("jobcenter", "year", "version", "status", "source", "instruments")


def load_problem(file: Path, line: int | None, path: str, message: str) -> Problem:
    """A problem of a plan file: file, line and the position inside the file."""
    return Problem(Place(file=str(file), line=line, path=path or None), message)


class PlanLoadError(InputProblems):
    """The plan directory cannot be read; carries every problem found."""


@dataclass
class SourceMap:
    """Maps a position in the Plan model to the file and line it was read from."""

    parts: list[tuple[ModelPath, ModelPath, YamlDocument]] = field(default_factory=list)

    def add(self, model_prefix: ModelPath, file_prefix: ModelPath, doc: YamlDocument) -> None:
        self.parts.append((model_prefix, file_prefix, doc))

    def locate(self, path: ModelPath) -> tuple[Path, int | None, ModelPath]:
        """The file, line and in-file path of a model path (longest matching part wins)."""
        best = max(
            (p for p in self.parts if path[: len(p[0])] == p[0]),
            key=lambda p: len(p[0]),
            default=None,
        )
        if best is None:
            raise KeyError(path)
        model_prefix, file_prefix, doc = best
        inner = (*file_prefix, *path[len(model_prefix) :])
        return doc.file, doc.line_of(inner), inner


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    plan: Plan
    directory: Path
    sources: SourceMap


@cache
def plan_adapter() -> TypeAdapter[Plan]:
    """Built once: pydantic compiles a validator for the whole model."""
    from pydantic import TypeAdapter

    from amp.io.model_schema import enforce_known_keys

    enforce_known_keys(Plan)
    return TypeAdapter(Plan)


def load_plan(directory: Path) -> LoadedPlan:
    """Read and validate a plan directory; raises PlanLoadError listing every problem.

    A directory read before without problems comes from the cache (amp.io.cache) as long
    as none of its files and none of amp's modules changed.
    """
    if not directory.is_dir():
        problem = load_problem(directory, None, "", "das Verzeichnis gibt es nicht")
        raise PlanLoadError([problem])
    return cached("plan", files_under(directory), ("core", "io"), lambda: _load(directory))


def _load(directory: Path) -> LoadedPlan:
    from pydantic import ValidationError

    from amp.io.references import reference_problems

    problems: list[Problem] = []
    data: dict[str, Any] = {}
    sources = SourceMap()
    for spec in PLAN_FILES:
        _read_part(directory, spec, data, sources, problems)
    problems.extend(_unknown_files(directory))
    if problems:
        raise PlanLoadError(problems)

    try:
        plan = plan_adapter().validate_python(data)
    except ValidationError as exc:
        raise PlanLoadError(_validation_problems(exc, sources)) from None
    semantic = [
        _problem(sources, path, message)
        for path, message in (*reference_problems(plan), *plan_limit_problems(plan))
    ]
    if semantic:
        raise PlanLoadError(semantic)
    return LoadedPlan(plan, directory, sources)


def _read_part(
    directory: Path,
    spec: PlanFile,
    data: dict[str, Any],
    sources: SourceMap,
    problems: list[Problem],
) -> None:
    target = directory / spec.name
    if spec.many:
        files = sorted(target.glob("*.yaml")) if target.is_dir() else []
        entries: list[Any] = []
        for index, file in enumerate(files):
            doc = _read(file, problems)
            if doc is not None:
                assert spec.field is not None
                sources.add((spec.field, index), (), doc)
                entries.append(doc.data)
        if entries:
            assert spec.field is not None
            data[spec.field] = entries
        return
    if not target.exists():
        if spec.required:
            problems.append(load_problem(target, None, "", "die Pflichtdatei fehlt"))
        return
    doc = _read(target, problems)
    if doc is None:
        return
    content = doc.data
    if not isinstance(content, dict):
        problems.append(
            load_problem(target, 1, "", "die Datei muss Schlüssel: Wert-Paare enthalten")
        )
        return
    if spec.field is None:
        for key in content:
            if key not in PLAN_FILE_FIELDS:
                line = doc.line_of((key,))
                allowed = ", ".join(PLAN_FILE_FIELDS)
                message = f"unbekannter Schlüssel '{key}' (erlaubt: {allowed})"
                problems.append(load_problem(target, line, key, message))
        data.update({k: v for k, v in content.items() if k in PLAN_FILE_FIELDS})
        for key in PLAN_FILE_FIELDS:
            sources.add((key,), (key,), doc)
        return
    if spec.wrapper is not None:
        extra = [k for k in content if k != spec.wrapper]
        for key in extra:
            message = f"unbekannter Schlüssel '{key}' (erwartet: {spec.wrapper})"
            problems.append(load_problem(target, doc.line_of((key,)), key, message))
        data[spec.field] = content.get(spec.wrapper, [])
        sources.add((spec.field,), (spec.wrapper,), doc)
    else:
        data[spec.field] = content
        sources.add((spec.field,), (), doc)


def _read(file: Path, problems: list[Problem]) -> YamlDocument | None:
    try:
        doc = read_yaml(file)
    except YamlError as exc:
        problems.append(load_problem(exc.file, exc.line, "", exc.message))
        return None
    if doc.data is None:
        problems.append(load_problem(file, None, "", "die Datei ist leer"))
        return None
    return doc


def _unknown_files(directory: Path) -> Iterable[Problem]:
    known = {spec.name for spec in PLAN_FILES}
    for entry in sorted(directory.iterdir()):
        if entry.suffix in {".yaml", ".yml"} and entry.name not in known:
            expected = ", ".join(sorted(known))
            yield load_problem(entry, None, "", f"unbekannte Plandatei (erwartet: {expected})")


def _validation_problems(exc: ValidationError, sources: SourceMap) -> list[Problem]:
    from amp.io.model_schema import german_message

    problems = []
    for error in exc.errors():
        path: ModelPath = tuple(p for p in error["loc"] if isinstance(p, str | int))
        problems.append(_problem(sources, path, german_message(error)))
    return problems


def _problem(sources: SourceMap, path: ModelPath, message: str) -> Problem:
    file, line, inner = sources.locate(path)
    return load_problem(file, line, format_path(inner), message)
