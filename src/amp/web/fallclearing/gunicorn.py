"""gunicorn's access log without Fallclearing tokens:
`gunicorn --logger-class amp.web.fallclearing.gunicorn.RedactingLogger …`
(docs/fallclearing.md, docs/betrieb.md). gunicorn comes with the extra `server`."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]

from amp.web.fallclearing.redact import redact


class RedactingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str):
                atoms[key] = redact(value)
        return atoms
