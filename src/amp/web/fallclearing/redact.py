"""Tokens never in logs: a logging filter that blanks the token of every
`/fallclearing/<token>` path in a log record (request lines of the server, errors)."""

from __future__ import annotations

import logging
import re

TOKEN_PATH = re.compile(r"/fallclearing/[A-Za-z0-9_-]{20,}")
REDACTED = "/fallclearing/[Link]"


def redact(text: str) -> str:
    return TOKEN_PATH.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = ()
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path") and TOKEN_PATH.search(request.path):
            record.request = None  # the error reporter would print the path again
        return True
