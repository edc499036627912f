"""The installed `amp` command speaks German in its help frame and its usage errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from amp.cli.german import usage_message


def amp(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "amp.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
    )


def test_help_frame_is_german() -> None:
    result = amp("check", "--help")
    assert result.returncode == 0
    out = result.stdout
    for german in ("Aufruf: amp check [OPTIONEN]", "Argumente", "Optionen", "[Pflicht]"):
        assert german in out
    assert "Diese Hilfe zeigen und beenden." in out
    assert "[Vorgabe: text]" in out
    for english in ("Usage", "Options", "Arguments", "Show this message", "[required]"):
        assert english not in out
    assert "BEFEHL [ARGUMENTE]..." in amp("--help").stdout


@pytest.mark.parametrize(
    ("args", "german"),
    [
        (("check",), "Es fehlt das Argument 'path'."),
        (("check", "--bogus", "x"), "Unbekannte Option: --bogus"),
        (("gibtsnicht",), "Unbekannter Befehl „gibtsnicht“."),
        (
            ("check", "--format", "xml", "examples"),
            "Ungültiger Wert für '--format': „xml“ ist keiner der erlaubten Werte",
        ),
    ],
)
def test_usage_errors_are_german_with_exit_code_2(args: tuple[str, ...], german: str) -> None:
    result = amp(*args)
    assert result.returncode == 2
    assert german in result.stderr
    assert "Fehler" in result.stderr
    assert "Hilfe: 'amp" in result.stderr
    assert "Error" not in result.stderr
    assert "Usage" not in result.stderr


def test_messages_without_a_translation_stay_as_they_are() -> None:
    assert usage_message("Etwas ganz anderes.") == "Etwas ganz anderes."
    assert usage_message("No such option: --x (Possible options: --a, --b)") == (
        "Unbekannte Option: --x (möglich: --a, --b)"
    )
    assert usage_message("Invalid value for 'N': 'x' is not a valid integer.") == (
        "Ungültiger Wert für 'N': „x“ ist keine Zahl."
    )
