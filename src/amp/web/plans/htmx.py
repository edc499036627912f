"""htmx requests that cannot be answered with a fragment: an expired session.

A login-required view answers an anonymous request with a redirect to the login page. The
browser follows it inside the XMLHttpRequest, and htmx would put the whole login page into
the budget table. For htmx requests the redirect becomes 401 with a German message and the
login address (with the page to come back to) in a header; amp.js shows both in the
message region and marks the field as not saved.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url

EXPIRED = "Sitzung abgelaufen – nichts wurde gespeichert. Bitte neu anmelden."
LOGIN_HEADER = "X-Amp-Login"


def _login_redirect(response: HttpResponse) -> bool:
    if response.status_code not in {301, 302, 303, 307, 308}:
        return False
    target = urlsplit(response.get("Location", "")).path
    return target == urlsplit(resolve_url(settings.LOGIN_URL)).path


class HtmxSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.headers.get("HX-Request") != "true" or not _login_redirect(response):
            return response
        page = urlsplit(request.headers.get("HX-Current-URL", "")).path or "/"
        login = f"{resolve_url(settings.LOGIN_URL)}?next={quote(page)}"
        expired = HttpResponse(EXPIRED, status=401, content_type="text/plain; charset=utf-8")
        expired[LOGIN_HEADER] = login
        return expired
