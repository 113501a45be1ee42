"""The console's FastAPI application: session and security headers, the page routers, static files (htmx is
vendored: the platform's network is closed), and error pages for what the APIs refuse."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from ets_console.api import Api, ApiProblem
from ets_console.pages import agency, auth, authority_desk, case_desk, entity, exchange_desk, member, public, timeline
from ets_console.session import SessionMiddleware, session_of
from ets_console.settings import ConsoleSettings
from ets_console.web import CsrfRefused, FormErrors, NotAllowed, SignInRequired, render, sign_in_url

# no inline scripts or styles anywhere: htmx and the style sheet come from /static
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'self'")


class SecurityHeaders(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers.setdefault("Cache-Control", "no-store")  # pages hold the user's own records
        return response


def create_app(settings: ConsoleSettings | None = None, *, transport: httpx.AsyncBaseTransport | None = None,
               idp_transport: httpx.AsyncBaseTransport | None = None) -> FastAPI:
    """`transport`/`idp_transport`: how the console reaches the services and the identity provider's token
    endpoint (default: the network)."""
    settings = settings or ConsoleSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        await app.state.api.close()
        await app.state.idp.aclose()

    app = FastAPI(title="ETS console", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.api = Api(settings.service_urls, timeout=settings.console_api_timeout_seconds, transport=transport)
    app.state.idp = httpx.AsyncClient(timeout=10.0, transport=idp_transport)
    app.add_middleware(SessionMiddleware, secret=settings.session_secret(), max_age=settings.console_session_seconds,
                       secure=settings.console_public_url.startswith("https://"))
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="static")
    for module in (auth, public, entity, member, agency, authority_desk, case_desk, exchange_desk, timeline):
        app.include_router(module.router)
    install_error_pages(app)

    @app.get("/healthz", include_in_schema=False)
    @app.get("/readyz", include_in_schema=False)
    async def healthz() -> dict:
        return {"status": "ok"}

    return app


def install_error_pages(app: FastAPI) -> None:
    async def sign_in_first(request: Request, _: Exception) -> Response:
        return RedirectResponse(sign_in_url(request), status_code=303)

    async def not_allowed(request: Request, _: Exception) -> Response:
        return render(request, "error.html", status=403, message_key="error.forbidden")

    async def csrf_refused(request: Request, _: Exception) -> Response:
        return render(request, "error.html", status=403, message_key="error.csrf")

    async def api_problem(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiProblem)
        if exc.status == 401:  # the token expired or was revoked: sign in again
            session_of(request).sign_out()
            return RedirectResponse(sign_in_url(request), status_code=303)
        return render(request, "error.html", status=exc.status, problem=exc, errors=FormErrors.of(exc, set()))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        key = "error.not_found" if exc.status_code == 404 else None
        return render(request, "error.html", status=exc.status_code, message_key=key, detail=str(exc.detail))

    async def bad_request(request: Request, exc: Exception) -> Response:
        """A page's own path or query refused (an id, a year out of range): said in words, like the APIs' refusals."""
        assert isinstance(exc, RequestValidationError)
        errors = FormErrors()
        for error in exc.errors():
            errors.general.append(f"{'.'.join(str(p) for p in error['loc'][1:])}: {error['msg']}")
        return render(request, "error.html", status=422, errors=errors)

    app.add_exception_handler(RequestValidationError, bad_request)
    app.add_exception_handler(SignInRequired, sign_in_first)
    app.add_exception_handler(NotAllowed, not_allowed)
    app.add_exception_handler(CsrfRefused, csrf_refused)
    app.add_exception_handler(ApiProblem, api_problem)
    app.add_exception_handler(StarletteHTTPException, http_error)
