"""The chapter editor's form: the Markdown text, what the editor saw, and the action."""

from __future__ import annotations

import hashlib
from typing import Any

from django import forms

MAX_CHAPTER = 200_000  # characters of one chapter (the example's longest has about 12.000)


def seen_digest(text: str) -> str:
    """What the editor saw, to refuse a save over someone else's change."""
    return hashlib.sha256(text.encode()).hexdigest()


class ChapterForm(forms.Form):
    """`text` with Windows line ends made Unix ones; `save` is True for "speichern"."""

    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_CHAPTER,
        error_messages={
            "max_length": "Ein Kapitel darf höchstens %(limit_value)s Zeichen lang sein "
            "(es sind %(show_value)s)."
        },
    )
    seen = forms.CharField(required=False)
    action = forms.CharField(required=False)

    def clean_text(self) -> str:
        text: str = self.cleaned_data.get("text", "")
        return text.replace("\r\n", "\n")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["save"] = data.get("action") == "speichern"
        return data

    def saw(self, current: str) -> bool:
        """Whether the editor's text was based on `current` (no one else changed it since)."""
        return bool(self.cleaned_data.get("seen") == seen_digest(current))
