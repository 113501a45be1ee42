"""The console's client of the services' public HTTP APIs: every call carries the signed-in user's own token (or
none, for the public endpoints). A refusal comes back as `ApiProblem`, holding the service's problem+json
(`ets_shared.http.problems`: `detail`, `field`, `article`, `invalid_params`), which the pages show in words next to
the field it names."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx


@dataclass
class ApiProblem(Exception):
    status: int
    problem: dict[str, Any] = field(default_factory=dict)
    service: str = ""

    def __str__(self) -> str:
        return f"{self.service} {self.status}: {self.detail}"

    @property
    def detail(self) -> str:
        return str(self.problem.get("detail") or self.problem.get("title") or f"HTTP {self.status}")

    @property
    def title(self) -> str:
        return str(self.problem.get("title") or "")

    @property
    def article(self) -> str | None:
        article = self.problem.get("article")
        return str(article) if article else None

    @property
    def code(self) -> str:
        return str(self.problem.get("type", "")).removeprefix("urn:ets:problem:")

    def field_reasons(self) -> list[tuple[str, str]]:
        """(field, reason) pairs, the field as the form names it: `body.quantity` → `quantity`,
        `query.compliance_year` → `compliance_year`, `lines[0].vintage` stays."""
        pairs = []
        for param in self.problem.get("invalid_params") or []:
            if isinstance(param, dict) and param.get("name"):
                pairs.append((form_field(str(param["name"])), str(param.get("reason") or self.detail)))
        if not pairs and self.problem.get("field"):
            pairs.append((form_field(str(self.problem["field"])), self.detail))
        return pairs


def form_field(name: str) -> str:
    for prefix in ("body.", "query.", "path."):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


class Api:
    """One pooled HTTP client for the console process; `as_user(token)` gives calls with that user's token."""

    def __init__(self, urls: dict[str, str], *, timeout: float = 15.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.urls = urls
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport,
                                       headers={"Accept": "application/json, application/problem+json"})

    async def close(self) -> None:
        await self._http.aclose()

    def as_user(self, token: str | None) -> "UserApi":
        return UserApi(self, token)

    async def call(self, token: str | None, service: str, method: str, path: str, *, params: dict | None = None,
                   json: Any = None, headers: dict[str, str] | None = None) -> Any:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        query = {k: v for k, v in (params or {}).items() if v is not None and v != ""}
        try:
            response = await self._http.request(method, self.urls[service] + path, params=query, json=json,
                                                headers=sent)
        except httpx.HTTPError as exc:
            raise ApiProblem(503, {"title": "Service unavailable", "status": 503,
                                   "detail": f"the {service} service cannot be reached ({type(exc).__name__})"},
                             service) from exc
        body: Any = None
        if response.content:
            try:
                body = response.json()
            except ValueError:
                body = {"detail": response.text[:500]}
        if response.status_code >= 400:
            raise ApiProblem(response.status_code, body if isinstance(body, dict) else {"detail": str(body)}, service)
        return body


@dataclass
class UserApi:
    api: Api
    token: str | None

    async def get(self, service: str, path: str, **params: Any) -> Any:
        return await self.api.call(self.token, service, "GET", path, params=params)

    async def post(self, service: str, path: str, json: Any = None, *, idempotency_key: str | None = None) -> Any:
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return await self.api.call(self.token, service, "POST", path, json=json, headers=headers)

    async def put(self, service: str, path: str, json: Any = None) -> Any:
        return await self.api.call(self.token, service, "PUT", path, json=json)
