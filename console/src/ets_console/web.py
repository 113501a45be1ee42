"""What every page handler uses: `render` a template with the layout's context, the signed-in `Viewer`, role
checks, CSRF checks on forms, and `FormErrors` (a refused form's problem+json, field by field)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Path as PathParam, Query, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import Response

from ets_console.api import ApiProblem, UserApi
from ets_console.i18n import translator
from ets_console.nav import links_for
from ets_console.session import Session, session_of
from ets_shared.auth import Principal, Role

# ids in page paths (an entity, agency, member, order): what the services accept, and never `.` or `..` alone, so
# an id cannot turn the API path the console calls into another one
RecordId = Annotated[str, PathParam(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
YearPath = Annotated[int, PathParam(ge=2013, le=2100)]
DoneQuery = Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")]  # the notice after a form succeeded

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


class SignInRequired(Exception):
    """No (or an expired) session: the user is sent to the sign-in page, and back afterwards."""


class NotAllowed(Exception):
    """The signed-in user's role or party may not open this page (403, before any API is asked)."""


class CsrfRefused(Exception):
    """A form came back without the session's CSRF token (403)."""


@dataclass
class FormErrors:
    """A refused form: the reasons by field (as the form names its inputs) and what names no field."""

    by_field: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    article: str | None = None
    status: int | None = None

    @classmethod
    def of(cls, problem: ApiProblem, fields: set[str] | None = None) -> "FormErrors":
        errors = cls(article=problem.article, status=problem.status)
        for name, reason in problem.field_reasons():
            if fields is None or name in fields:
                errors.by_field.setdefault(name, []).append(reason)
            else:
                errors.general.append(f"{name}: {reason}")
        if not errors.by_field and not errors.general:
            errors.general.append(problem.detail)
        return errors

    def __bool__(self) -> bool:
        return bool(self.by_field or self.general)

    def get(self, name: str) -> list[str]:
        return self.by_field.get(name, [])


@dataclass
class Viewer:
    """Who is looking: the session, their principal (None: the public) and an API client with their token."""

    request: Request
    session: Session
    principal: Principal | None
    api: UserApi

    @property
    def lang(self) -> str:
        return self.session.lang

    def require(self, *roles: Role) -> Principal:
        if self.principal is None:
            raise SignInRequired()
        if roles and not self.principal.has(*roles):
            raise NotAllowed()
        return self.principal

    def require_party(self, party_id: str, *roles: Role) -> Principal:
        """The page of one party (an entity, an agency): only that party's own users open it."""
        principal = self.require(*roles)
        if not principal.owns(party_id):
            raise NotAllowed()
        return principal


def viewer(request: Request) -> Viewer:
    session = session_of(request)
    principal = session.principal
    api = request.app.state.api.as_user(session.token if principal else None)
    return Viewer(request, session, principal, api)


Look = Annotated[Viewer, Depends(viewer)]


async def form_of(request: Request) -> dict[str, str]:
    """The posted form (strings only), after its CSRF token was checked."""
    form = await request.form()
    data = {k: v for k, v in form.items() if isinstance(v, str)}
    offered = data.pop("csrf", None) or request.headers.get("x-csrf-token")
    if not session_of(request).csrf_ok(offered):
        raise CsrfRefused()
    return data


def render(request: Request, template: str, status: int = 200, **context: Any) -> Response:
    session = session_of(request)
    context.setdefault("errors", FormErrors())
    context.setdefault("empty_errors", FormErrors())
    context.setdefault("values", {})
    return TEMPLATES.TemplateResponse(request, template, status_code=status, context={
        "t": translator(session.lang), "lang": session.lang, "session": session, "principal": session.principal,
        "role_links": links_for(session.principal),
        "csrf": session.csrf, "status_code": status, "idempotency_key": str(uuid.uuid4()), "here": here(request),
        **context})


def here(request: Request) -> str:
    path = request.url.path
    return path + (f"?{request.url.query}" if request.url.query else "")


def safe_next(target: str | None) -> str:
    """Only a path on this console (never `//host` or `https://…`): no open redirect after sign-in."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def sign_in_url(request: Request) -> str:
    return "/sign-in?next=" + quote(here(request), safe="")


def _role_option(role: str, t: Any) -> tuple[str, str]:
    return role, t(f"role.{role}")


TEMPLATES.env.filters["pair"] = lambda value: (value, value)
TEMPLATES.env.filters["role_option"] = _role_option
