"""Personal link tokens: 256 random bits from `secrets`, stored only as SHA-256 digest."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

TOKEN_BYTES = 32  # 256 bits; the issue asks for at least 128
TOKEN_CHARS = 43  # token_urlsafe(32) is 43 characters of A-Z a-z 0-9 - _


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def well_formed(token: str) -> bool:
    return len(token) == TOKEN_CHARS and all(
        c.isascii() and (c.isalnum() or c in "-_") for c in token
    )


def client_key(address: str | None) -> str:
    """A keyed hash of the client address for the guess throttle: no address is stored."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, (address or "?").encode(), hashlib.sha256).hexdigest()
