"""A user's browser, as far as HTTP goes: for the console's HTTP-level tests (and 14b's). It keeps the session
cookie, signs in with a development identity, reads the CSRF token from the page, posts forms, and finds what a
page shows next to a field."""
from __future__ import annotations

import re
from html import unescape
from typing import Any

import httpx

_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class ConsoleUser:
    def __init__(self, base_url: str, *, lang: str = "en") -> None:
        self.http = httpx.AsyncClient(base_url=base_url, timeout=60.0, follow_redirects=True)
        self.lang = lang
        self.csrf: str | None = None

    async def __aenter__(self) -> "ConsoleUser":
        await self.get(f"/language/{self.lang}")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.http.aclose()

    async def get(self, path: str, **params: Any) -> httpx.Response:
        response = await self.http.get(path, params=params or None)
        self._remember_csrf(response)
        return response

    async def post(self, path: str, data: dict[str, Any], *, csrf: bool = True) -> httpx.Response:
        if csrf and self.csrf is None:
            await self.get("/")
        form = {k: str(v) for k, v in data.items() if v is not None}
        if csrf:
            form.setdefault("csrf", self.csrf or "")
        response = await self.http.post(path, data=form)
        self._remember_csrf(response)
        return response

    async def sign_in(self, role: str, party_id: str | None = None, subject: str | None = None,
                      next: str = "/") -> httpx.Response:  # noqa: A002 - the sign-in form's own name
        """Sign in with a development identity; lands on the role's home (or `next`)."""
        await self.get("/sign-in")
        response = await self.post("/sign-in", {"role": role, "party_id": party_id or "", "subject": subject or "",
                                                "next": next})
        assert response.status_code == 200, response.text[:2000]
        return response

    def _remember_csrf(self, response: httpx.Response) -> None:
        found = _CSRF.search(response.text) if "text/html" in response.headers.get("content-type", "") else None
        if found:
            self.csrf = found.group(1)


def field_errors(html: str, name: str) -> list[str]:
    """The error messages the page shows next to the input named `name` (its `field-…-errorN` paragraphs)."""
    fid = "field-" + name.replace(".", "-").replace("[", "-").replace("]", "")
    found = re.findall(rf'<p class="error-message" id="{re.escape(fid)}-error\d+">(.*?)</p>', html, re.S)
    return [text(re.sub(r'<span class="visually-hidden">.*?</span>', "", f, flags=re.S)) for f in found]


def text(html: str) -> str:
    """The page's text, tags removed and white space collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()
