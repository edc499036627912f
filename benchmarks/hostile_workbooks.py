"""Time and peak memory of importing each hostile workbook of the bomb suite.

    .venv/bin/python benchmarks/hostile_workbooks.py

Builds the files of tests/io/test_hostile_workbooks.py (with the same builders) and
imports each in a fresh process, as the test does, printing outcome, wall time and peak
memory (VmHWM of the importing process, Python and amp included). The test asserts
the ceilings (5 s, 250 MB); this prints the numbers for docs/sicherheit.md.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openpyxl import load_workbook  # noqa: E402
from tests.support import hostile_files as hostile  # noqa: E402

from amp.example import DEMO_PLAN  # noqa: E402
from amp.io.plan_dir import load_plan  # noqa: E402
from amp.io.xlsx.export import export_xlsx  # noqa: E402


def cases(base: Path, folder: Path) -> list[tuple[str, Callable[[Path], Path]]]:
    def copy(target: Path) -> Path:
        target.write_bytes(base.read_bytes())
        return target

    def yaml(levels: int) -> Callable[[Path], Path]:
        def build(target: Path) -> Path:
            hostile.yaml_bomb(copy(target), levels)
            return target

        return build

    def zip_bomb(target: Path) -> Path:
        hostile.zip_bomb(base, target, 800)
        return target

    def part(xml: bytes) -> Callable[[Path], Path]:
        return lambda target: hostile.rewrite(copy(target), {"xl/worksheets/sheet2.xml": xml})

    def merged(target: Path) -> Path:
        book = load_workbook(copy(target))
        book["Finanzplanung"].merge_cells("I13:I15")
        book.save(target)
        return target

    laughs = hostile.entity_sheet(hostile.BILLION_LAUGHS, "lol9")
    xxe = hostile.entity_sheet('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n', "e")
    return [
        ("Arbeitsmappe des Beispielplans (zum Vergleich)", copy),
        ("YAML-Bombe, 7 Ebenen, im Blatt _amp", yaml(7)),
        ("YAML-Bombe, 8 Ebenen, im Blatt _amp", yaml(8)),
        ("ZIP-Bombe: eine Zelle mit 800 MB Text", zip_bomb),
        ("billion laughs (Entitäten)", part(laughs)),
        ("XXE (file:///etc/passwd)", part(xxe)),
        ("ein Blatt mit 1.000.000 Zeilen", part(hostile.rows_xml(1_000_000))),
        ("umbenanntes ZIP-Archiv", hostile.rewrite_as_other_zip),
        ("verbundene Betragszellen I13:I15", merged),
    ]


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="amp-bomben-") as temporary:
        folder = Path(temporary)
        base = folder / "plan.xlsx"
        export_xlsx(load_plan(DEMO_PLAN).plan, base)
        print("| Datei | Größe | Ergebnis | Zeit | Speicher (Spitze) |")
        print("|---|---|---|---|---|")
        for n, (name, build) in enumerate(cases(base, folder)):
            path = build(folder / f"fall-{n}.xlsx")
            result = hostile.import_in_child(path)
            size = path.stat().st_size
            outcome = "gelesen" if result["outcome"] == "imported" else "abgewiesen"
            if size > 1024 * 1024:
                shown = f"{size / 1024 / 1024:.2f} MB".replace(".", ",")
            else:
                shown = f"{size / 1024:.0f} KB" if size > 1024 else f"{size} Bytes"
            seconds = f"{result['seconds']:.2f}".replace(".", ",")
            print(f"| {name} | {shown} | {outcome} | {seconds} s | {result['mb']:.0f} MB |")
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
