"""The same checks on every way a workbook comes in: `amp import-xlsx`, `amp diff` and the
web import as a new version and as a new plan."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from typer.testing import CliRunner

from amp.cli import app
from amp.io.plan_dir import load_plan
from amp.io.xlsx.export import export_xlsx
from amp.web.plans import services
from amp.web.plans.models import Jobcenter, PlanVersion, Role
from tests.support import hostile_files as hostile
from tests.support.web_fixtures import EXAMPLE, client_for, jobcenter, make_user, published

__all__ = ["jobcenter", "published"]  # fixtures
runner = CliRunner()


@pytest.fixture
def bomb(tmp_path: Path) -> Path:
    """An exported workbook with a YAML bomb of 8 levels in its hidden sheet."""
    target = tmp_path / "plan.xlsx"
    export_xlsx(load_plan(EXAMPLE).plan, target)
    hostile.yaml_bomb(target, 8)
    return target


def test_import_xlsx_refuses_and_writes_nothing(bomb: Path, tmp_path: Path) -> None:
    out = tmp_path / "neu"
    result = runner.invoke(app, ["import-xlsx", str(bomb), "--output", str(out)])
    assert result.exit_code != 0
    assert "Verweise (Anker &Name und *Name) sind hier nicht erlaubt" in result.output
    assert not out.exists()


def test_diff_refuses_a_renamed_zip(tmp_path: Path) -> None:
    fake = tmp_path / "plan.xlsx"
    hostile.rewrite_as_other_zip(fake)
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(fake)])
    assert result.exit_code != 0
    assert "ein ZIP-Archiv ohne Arbeitsmappe (umbenannte Datei?)" in " ".join(result.output.split())


@pytest.mark.django_db
def test_the_web_refuses_on_both_import_screens(
    bomb: Path, jobcenter: Jobcenter, published: PlanVersion
) -> None:
    client = client_for(make_user("planung", jobcenter, Role.PLANUNG))
    draft = services.branch(published.pk, None)
    count = PlanVersion.objects.count()
    upload = SimpleUploadedFile("plan.xlsx", bomb.read_bytes())
    response = client.post(f"/staende/{draft.pk}/import/", {"arbeitsmappe": upload})
    assert response.status_code == 400
    assert "Verweise (Anker &amp;Name und *Name) sind hier nicht erlaubt" in (
        response.content.decode()
    )
    upload = SimpleUploadedFile("plan.xlsx", bomb.read_bytes())
    data = {"jobcenter": str(jobcenter.pk), "arbeitsmappe": upload}
    response = client.post("/import/", data)
    assert response.status_code == 400
    assert "_amp: Plandaten beschädigt" in response.content.decode()
    assert "Verweise (Anker &amp;Name und *Name)" in response.content.decode()
    assert PlanVersion.objects.count() == count
