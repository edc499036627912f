"""Read a YAML file into plain data, exactly and with a line number for every value.

Numbers with a fraction become `Decimal` from their text (never a float), duplicate keys
are errors (YAML itself would silently keep the last one), and every value's position is
kept so that any later error can name the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amp.core.findings import ModelPath

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node

FLOAT_TAG = "tag:yaml.org,2002:float"


class YamlError(Exception):
    """A file that is not readable YAML; the message is German and names the place."""

    def __init__(self, file: Path, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {message}")


@dataclass
class YamlDocument:
    file: Path
    data: Any
    lines: dict[ModelPath, int] = field(default_factory=dict)

    def line_of(self, path: ModelPath) -> int | None:
        """The line of `path`, or of its nearest ancestor present in the file."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


def read_yaml(file: Path) -> YamlDocument:
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise YamlError(file, None, f"die Datei ist nicht UTF-8-kodiert ({exc.reason})") from exc
    except OSError as exc:
        raise YamlError(
            file, None, f"die Datei kann nicht gelesen werden ({exc.strerror})"
        ) from exc
    return parse_yaml(text, file)


# A plan file has a few thousand values; aliases (*name) may repeat an anchored part, but
# never so often that the expanded data grows past this (a "billion laughs" YAML bomb).
MAX_VALUES = 200_000


def parse_yaml(text: str, file: Path, trusted: bool = True) -> YamlDocument:
    """Parse YAML text read from `file` (which names the place in errors).

    libyaml (C) composes when it is there; a text it refuses is composed again by PyYAML's
    own parser, whose messages are the ones translated below. A plan file may use aliases,
    expanded up to MAX_VALUES values in all; in untrusted text (plan data inside an
    uploaded workbook, which amp writes without them) anchors and aliases are refused.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    try:
        root = yaml.compose(text, Loader=fast) if fast is not None else None
    except yaml.YAMLError:
        fast = None
    try:
        if fast is None:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = _german_problem(exc.problem or exc.context or "")
        began = exc.context_mark.line + 1 if exc.context_mark else None
        if began is not None and began != line:
            detail += f"; der betroffene Abschnitt beginnt in Zeile {began}"
        raise YamlError(file, line, f"kein gültiges YAML ({detail})") from exc
    except yaml.YAMLError as exc:
        raise YamlError(file, None, f"kein gültiges YAML ({exc})") from exc
    document = YamlDocument(file, None)
    if root is not None:
        document.data = _Builder(document, aliases=trusted).build(root, ())
    return document


# PyYAML's most frequent complaints, in the words a planner understands
_PROBLEMS = (
    (
        "mapping values are not allowed here",
        "hier ist kein „Schlüssel: Wert“ erlaubt (Einrückung oder fehlendes Leerzeichen nach ':'?)",
    ),
    ("could not find expected ':'", "ein ':' fehlt"),
    ("found character '\\t'", "Tabulatorzeichen sind nicht erlaubt, bitte Leerzeichen verwenden"),
    ("expected <block end>", "die Einrückung passt nicht zur Zeile davor"),
    ("expected ',' or ']'", "eine mit '[' begonnene Liste ist nicht geschlossen"),
    ("expected ',' or '}'", "ein mit '{' begonnener Abschnitt ist nicht geschlossen"),
    (
        "found unexpected end of stream",
        "unerwartetes Dateiende (fehlt ein schließendes Anführungszeichen?)",
    ),
    ("found undefined alias", "Verweis (*Name) auf einen nicht definierten Anker"),
    (
        "found unknown escape character",
        "unbekanntes Escape-Zeichen in einem Text in doppelten Anführungszeichen",
    ),
)


def _german_problem(problem: str) -> str:
    for english, german in _PROBLEMS:
        if problem.startswith(english):
            return german
    return problem or "unbekannter Fehler"


class _Builder:
    def __init__(self, document: YamlDocument, aliases: bool = True) -> None:
        import yaml
        from yaml import nodes

        self.document = document
        self.nodes = nodes
        self.aliases = aliases
        self.seen: set[int] = set()  # composed nodes: an alias is a node met a second time
        self.count = 0
        # PyYAML's safe constructor turns scalars into ints, bools, dates and strings
        self.constructor = yaml.SafeLoader("")

    def build(self, node: Node, path: ModelPath) -> Any:
        document = self.document
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlError(
                document.file,
                node.start_mark.line + 1,
                f"mehr als {MAX_VALUES:_} Werte (durch Verweise *Name vervielfacht?); so "
                "große Pläne gibt es nicht".replace("_", "."),
            )
        if not self.aliases:
            if id(node) in self.seen:
                raise YamlError(
                    document.file,
                    node.start_mark.line + 1,
                    "Verweise (Anker &Name und *Name) sind hier nicht erlaubt; amp schreibt "
                    "die Plandaten ohne sie",
                )
            self.seen.add(id(node))
        document.lines[path] = node.start_mark.line + 1
        if isinstance(node, self.nodes.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, self.nodes.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.scalar(node)

    def _mapping(self, node: MappingNode, path: ModelPath) -> dict[str, Any]:
        document = self.document
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node)
            if not isinstance(key, str):
                key = str(key)
            if key in result:
                raise YamlError(
                    document.file,
                    key_node.start_mark.line + 1,
                    f"der Schlüssel '{key}' kommt in diesem Abschnitt doppelt vor",
                )
            document.lines[(*path, key)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key))
        return result

    def scalar(self, node: Node) -> Any:
        file = self.document.file
        if not isinstance(node, self.nodes.ScalarNode):
            raise YamlError(
                file, node.start_mark.line + 1, "ein Schlüssel muss ein einfacher Wert sein"
            )
        if node.tag == FLOAT_TAG:
            try:
                number = Decimal(node.value.replace("_", ""))
            except InvalidOperation:
                number = Decimal("NaN")
            if not number.is_finite():
                raise YamlError(
                    file, node.start_mark.line + 1, f"'{node.value}' ist keine endliche Zahl"
                )
            return number
        return self.constructor.construct_object(node)
