"""An uploaded Excel workbook, read into a plan: the form behind both import screens.

The size limit is enforced while the body streams in (`views.imports.limited_upload`
installs it before anything reads the request); the form gets told whether it struck and
then checks name, kind and content. The workbook is read from memory: an upload never
lands in a temporary file that a crash would leave behind.
"""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.forms.utils import ErrorDict

from amp.core.plan import Plan
from amp.io.xlsx.cells import XlsxImportError
from amp.io.xlsx.importer import read_workbook

MAX_BYTES = 10 * 1024 * 1024
FIELD = "arbeitsmappe"
ZIP_MAGIC = b"PK\x03\x04"  # every .xlsx is a zip archive


class WorkbookForm(forms.Form):
    """Valid when the upload is a workbook amp can read; then `plan`, `notes` and `name`
    hold what it says. Every problem the importer finds becomes one error of the field."""

    arbeitsmappe = forms.FileField(
        required=True,
        allow_empty_file=True,  # an empty file is "keine gültige Arbeitsmappe", said below
        error_messages={
            "required": "Bitte eine Excel-Arbeitsmappe (.xlsx) auswählen.",
            "invalid": "Bitte eine Excel-Arbeitsmappe (.xlsx) auswählen.",
        },
    )

    def __init__(self, *args: Any, too_large: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.too_large = too_large
        self.plan: Plan | None = None
        self.notes: list[str] = []
        self.name = "Arbeitsmappe"

    def full_clean(self) -> None:
        super().full_clean()
        if self.too_large:  # the body stopped streaming: no file arrived, say why
            self._errors = ErrorDict({FIELD: self.error_class(["Die Datei ist größer als 10 MB."])})

    def clean_arbeitsmappe(self) -> Any:
        upload = self.cleaned_data[FIELD]
        name = upload.name or "Arbeitsmappe"
        self.name = name
        if not name.lower().endswith(".xlsx"):
            raise forms.ValidationError(f"{name}: keine Excel-Arbeitsmappe (.xlsx).")
        if upload.size is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(f"{name}: die Datei ist größer als 10 MB.")
        head = upload.read(len(ZIP_MAGIC))
        upload.seek(0)
        if head != ZIP_MAGIC:
            raise forms.ValidationError(f"{name}: keine gültige Excel-Arbeitsmappe (.xlsx).")
        try:
            result = read_workbook(io.BytesIO(b"".join(upload.chunks())), name)
        except XlsxImportError as exc:
            raise forms.ValidationError([str(p) for p in exc.problems]) from None
        self.plan = result.plan
        self.notes = [str(note) for note in result.notes]
        return upload

    def problems(self) -> list[str]:
        """The German messages, in the order found, for the screen's problem list."""
        return [str(message) for messages in self.errors.values() for message in messages]
