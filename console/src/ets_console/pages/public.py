"""Pages anyone may open without signing in: the public register (covered entities per year, the
verification-agency directory, grades and blacklist, violations and measures in force) and market data."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from ets_console.api import ApiProblem
from ets_console.chart import price_chart
from ets_console.session import LANGUAGES
from ets_console.web import FormErrors, Look, render, safe_next

router = APIRouter()

HISTORY_DAYS = 90  # the price chart's range (the exchange answers at most a year per request)
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
            errors = FormErrors(by_field={"year": [problem.detail]})  # the API names it compliance_year
    return render(request, "public/covered.html", years=years, year=year, listing=listing, errors=errors)


@router.get("/public/agencies")
async def agencies(request: Request, look: Look) -> Response:
    """M-14: the directory of filed verification agencies, with the years each was selected for."""
    directory = await look.api.get("verifier-oversight", "/directory", limit=1000)
    return render(request, "public/agencies.html", directory=directory)


@router.get("/public/grades")
async def grades(request: Request, look: Look, year: YearQuery = None) -> Response:
    """The year's evaluation results (score, grade, ranking) and the verification blacklist."""
    blacklist = await look.api.get("verifier-oversight", "/blacklist", limit=1000)
    results, errors = None, FormErrors()
    if year is not None:
        try:
            results = await look.api.get("verifier-oversight", f"/results/{year}")
        except ApiProblem as problem:
            if problem.status != 404:
                raise
            errors = FormErrors(by_field={"year": [problem.detail]})
    return render(request, "public/grades.html", year=year, results=results, blacklist=blacklist, errors=errors,
                  values={"year": str(year or "")})


@router.get("/public/violations")
async def violations(request: Request, look: Look) -> Response:
    """M-40: established violations in their publicity period, and the measures in force."""
    found = await look.api.get("enforcement", "/public/violations", limit=1000)
    measures = await look.api.get("enforcement", "/public/measures", limit=1000)
    return render(request, "public/violations.html", violations=found, measures=measures)


@router.get("/public/market")
async def market(request: Request, look: Look,
                 product: Annotated[str | None, Query(min_length=1, max_length=32)] = None) -> Response:
    """Last price, the day's OHLC and VWAP close (M-28(1)), volume, the tape and the price history."""
    quotes = await look.api.get("exchange", "/market/products")
    chosen = next((q for q in quotes if q["product_id"] == product), quotes[0] if quotes else None)
    history, tape = [], []
    if chosen is not None:
        start = date.fromisoformat(chosen["trading_date"]) - timedelta(days=HISTORY_DAYS - 1)
        history = await look.api.get("exchange", "/market/days", product_id=chosen["product_id"],
                                     end=chosen["trading_date"], start=str(start), limit=HISTORY_DAYS)
        tape = await look.api.get("exchange", f"/market/products/{chosen['product_id']}/trades", limit=50)
    return render(request, "public/market.html", quotes=quotes, chosen=chosen, history=history, tape=tape,
                  chart=price_chart(history, chosen))
