"""Check an uploaded workbook before anything parses it.

An `.xlsx` file is a zip archive of XML parts. A small file can unpack to gigabytes (a
decompression bomb), an XML part can declare entities that expand without end ("billion
laughs") or fetch other files (XXE), a sheet can hold a million rows, and a renamed zip of
anything is no workbook at all. amp looks at the archive's table of contents and streams
every XML part through a bounded parser first; only a workbook within all limits reaches
openpyxl. The limits leave room for the largest real Arbeitsmarktprogramm many times
over (the demo plan's workbook: 1 444 filled cells, 0,2 MB unpacked).

zipfile never returns more bytes of a part than its declared size (the rest fails the
checksum), so the sizes of the table of contents bound what any later reader sees.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.parsers import expat

from amp.core.problems import InputProblems, Place, Problem

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    parts: int = 500  # files inside the archive
    part_bytes: int = 20 * MB  # one part, unpacked
    total_bytes: int = 60 * MB  # all parts, unpacked
    ratio: int = 100  # unpacked : packed, for parts above ratio_from bytes
    ratio_from: int = 1 * MB
    rows: int = 2_000  # rows of one sheet
    cells: int = 10_000  # cells of the whole workbook (openpyxl reads ~5.000 a second)
    text: int = 32_767  # characters of one cell, Excel's own limit
    strings: int = 10_000  # entries of the shared strings table (openpyxl holds it in memory)
    # why rows and cells beyond the limits are refused, in the words of what is read
    reason: str = "so große Tabellen hat kein Arbeitsmarktprogramm"


LIMITS = Limits()

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"


class _Refused(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


def _size(count: int) -> str:
    if count >= MB:
        return f"{count / MB:.1f} MB".replace(".", ",")
    return f"{count / 1024:.0f} KB"


def _number(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def check_workbook(source: Path | IO[bytes], name: str, limits: Limits = LIMITS) -> None:
    """Raise InputProblems (German, naming `name`) unless `source` is a workbook within limits."""
    problems = list(_problems(source, name, limits))
    if problems:
        raise InputProblems(problems)


def _problems(source: Path | IO[bytes], name: str, limits: Limits) -> Iterator[Problem]:
    def problem(message: str, part: str | None = None) -> Problem:
        return Problem(Place(file=name, path=part), message)

    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError):
        yield problem("keine lesbare Excel-Datei (.xlsx): die Datei ist kein ZIP-Archiv")
        return
    with archive:
        entries = archive.infolist()
        names = {e.filename for e in entries}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            yield problem(
                "keine Excel-Arbeitsmappe (.xlsx): ein ZIP-Archiv ohne Arbeitsmappe "
                "(umbenannte Datei?)"
            )
            return
        if len(entries) > limits.parts:
            yield problem(
                f"die Arbeitsmappe besteht aus {_number(len(entries))} Teilen; "
                f"erlaubt sind höchstens {_number(limits.parts)}"
            )
            return
        bad = _sizes(entries, limits)
        if bad:
            yield from (problem(message, part) for part, message in bad)
            return
        external = sorted(n for n in names if n.startswith("xl/externalLinks/"))
        if external:
            yield problem(
                "die Arbeitsmappe verweist auf andere Dateien (externe Bezüge); amp liest "
                "nur in sich geschlossene Arbeitsmappen. In Excel: Daten → Verknüpfungen "
                "bearbeiten → Verknüpfung aufheben",
                external[0],
            )
            return
        scan = _Scan(limits)
        for entry in entries:
            if entry.is_dir() or not entry.filename.endswith((".xml", ".rels", ".vml")):
                continue
            try:
                with archive.open(entry) as stream:
                    scan.part(entry.filename, stream)
            except _Refused as exc:
                yield problem(exc.message, entry.filename)
                return
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, ValueError):
                yield problem("die Arbeitsmappe ist beschädigt (ein Teil ist unlesbar)")
                return


def _sizes(entries: list[zipfile.ZipInfo], limits: Limits) -> list[tuple[str, str]]:
    bad: list[tuple[str, str]] = []
    total = 0
    for entry in entries:
        total += entry.file_size
        if entry.file_size > limits.part_bytes:
            bad.append(
                (
                    entry.filename,
                    f"ein Teil der Arbeitsmappe ist entpackt {_size(entry.file_size)} groß; "
                    f"erlaubt sind höchstens {_size(limits.part_bytes)} je Teil",
                )
            )
        elif entry.file_size > limits.ratio_from and entry.file_size > limits.ratio * max(
            entry.compress_size, 1
        ):
            bad.append(
                (
                    entry.filename,
                    "ein Teil der Arbeitsmappe ist ungewöhnlich stark gepackt "
                    f"({_size(entry.compress_size)} → {_size(entry.file_size)}); "
                    "so packt Excel keine echten Tabellen",
                )
            )
    if not bad and total > limits.total_bytes:
        bad.append(
            (
                "",
                f"die Arbeitsmappe ist entpackt {_size(total)} groß; erlaubt sind "
                f"höchstens {_size(limits.total_bytes)}",
            )
        )
    return bad


class _Scan:
    """Streams XML parts through expat: no DTD, bounded rows, cells and cell texts."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0
        self.rows = 0
        self.text = 0
        self.strings = 0
        self.in_text = False
        self.is_sheet = False

    def part(self, name: str, stream: IO[bytes]) -> None:
        self.rows = 0
        self.is_sheet = name.startswith(("xl/worksheets/", "xl/sharedStrings"))
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._entity
        parser.ExternalEntityRefHandler = self._external
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._characters
        try:
            while chunk := stream.read(64 * 1024):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise _Refused(
                f"die Arbeitsmappe ist beschädigt: kein gültiges XML (Zeile {exc.lineno})"
            ) from None

    def _doctype(self, *_: object) -> None:
        raise _Refused(
            "ein Teil der Arbeitsmappe enthält eine Dokumenttyp-Deklaration (DOCTYPE); "
            "Excel schreibt keine, sie kann Daten nachladen oder endlos anwachsen"
        )

    def _entity(self, *_: object) -> None:
        raise _Refused("ein Teil der Arbeitsmappe definiert XML-Entitäten; das ist nicht erlaubt")

    def _external(self, *_: object) -> int:
        raise _Refused("ein Teil der Arbeitsmappe lädt externe Daten nach; das ist nicht erlaubt")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if namespace == _REL and local == "Relationship":
            self._relationship(attributes)
            return
        if not self.is_sheet or namespace != _MAIN:
            return
        if local == "row":
            self.rows += 1
            if self.rows > self.limits.rows:
                raise _Refused(
                    f"ein Blatt hat mehr als {_number(self.limits.rows)} Zeilen; "
                    f"{self.limits.reason}"
                )
        elif local == "c":
            self.cells += 1
            if self.cells > self.limits.cells:
                raise _Refused(
                    f"die Arbeitsmappe hat mehr als {_number(self.limits.cells)} Zellen; "
                    f"{self.limits.reason}"
                )
        elif local == "t":
            self.in_text, self.text = True, 0
        elif local == "si":
            self.strings += 1
            if self.strings > self.limits.strings:
                raise _Refused(
                    f"die Tabelle der gemeinsamen Texte hat mehr als "
                    f"{_number(self.limits.strings)} Einträge; {self.limits.reason}"
                )

    def _end(self, name: str) -> None:
        if name.endswith(" t"):
            self.in_text = False

    def _characters(self, data: str) -> None:
        if self.in_text:
            self.text += len(data)
            if self.text > self.limits.text:
                raise _Refused(
                    f"eine Zelle enthält mehr als {_number(self.limits.text)} Zeichen "
                    "(mehr nimmt auch Excel nicht auf)"
                )

    def _relationship(self, attributes: dict[str, str]) -> None:
        external = attributes.get("TargetMode") == "External"
        if external and attributes.get("Type") != _HYPERLINK:
            raise _Refused(
                "die Arbeitsmappe verweist auf andere Dateien "
                f"({attributes.get('Target', '')[:80]}); amp liest nur in sich "
                "geschlossene Arbeitsmappen"
            )
