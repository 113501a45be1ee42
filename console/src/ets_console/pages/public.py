"""Pages anyone may open without signing in: the public register (covered entities per year, the
verification-agency directory, grades and blacklist, violations and measures in force) and market data."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response
from typing import Annotated

from ets_console.api import ApiProblem
from ets_console.session import LANGUAGES
from ets_console.web import FormErrors, Look, render, safe_next

router = APIRouter()

YearQuery = Annotated[int | None, Query(ge=2013, le=2100)]


@router.get("/")
async def home(request: Request) -> Response:
    return render(request, "public/home.html")


@router.get("/language/{lang}")
async def language(request: Request, lang: str, next: str | None = None) -> Response:  # noqa: A002
    if lang in LANGUAGES:
        request.state.session.lang = lang
    return RedirectResponse(safe_next(next), status_code=303)


@router.get("/public/covered-entities")
async def covered_entities(request: Request, look: Look, year: YearQuery = None) -> Response:
    versions = await look.api.get("allocation", "/public/covered-lists")
    years = sorted({v["compliance_year"] for v in versions}, reverse=True)
    year = year or (years[0] if years else None)
    listing, errors = None, FormErrors()
    if year is not None:
        try:
            listing = await look.api.get("allocation", f"/public/covered-lists/{year}", limit=10_000)
        except ApiProblem as problem:
            if problem.status != 404:
                raise
            errors = FormErrors.of(problem, {"year"})
    return render(request, "public/covered.html", years=years, year=year, listing=listing, errors=errors)
