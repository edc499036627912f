"""Request-level protections: the real client address behind a trusted proxy, responses
that no cache keeps, and no upload data left behind by an earlier crash."""

from __future__ import annotations

import ipaddress
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(text: str) -> tuple[Network, ...]:
    """`AMP_TRUSTED_PROXIES`: addresses or networks, separated by commas."""
    parts = (p.strip() for p in text.split(","))
    return tuple(ipaddress.ip_network(p, strict=False) for p in parts if p)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The address of the client: REMOTE_ADDR, unless that is a trusted proxy.

    Behind a trusted proxy the client is the right-most address of X-Forwarded-For that
    is not itself a trusted proxy: whatever the client wrote there itself stands further
    left and is ignored. Without trusted proxies (the default) the header is never read,
    so a client cannot choose its address to dodge or aim the login throttle.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies: tuple[Network, ...] = getattr(settings, "AMP_TRUSTED_PROXIES", ())
    address = _address(remote)
    if address is None or not any(address in network for network in proxies):
        return remote or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        hop_address = _address(hop)
        if hop_address is None:
            return remote  # a garbled header: the proxy itself is all that is known
        if not any(hop_address in network for network in proxies):
            return str(hop_address)
    return remote


class NoStoreMiddleware:
    """`Cache-Control: private, no-store` on every response of amp: pages of signed-in
    users, the API, downloads, and also the login page and every refusal, so that no
    browser or proxy cache keeps plan data or a form token. Static files are served
    before this middleware (WhiteNoise) and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "private, no-store"
        response.headers.pop("Expires", None)
        return response


STALE_SECONDS = 60 * 60


def remove_stale_uploads(directory: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove upload folders (`amp-import-*`) that an interrupted import left behind.

    amp reads uploads in memory today; older versions unpacked them into such folders, and
    a crash or kill left them there. Folders younger than an hour may belong to a running
    process and stay.
    """
    base = directory or Path(tempfile.gettempdir())
    limit = (now or time.time()) - STALE_SECONDS
    removed = []
    for folder in base.glob("amp-import-*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < limit:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        except OSError:
            continue
    return removed
