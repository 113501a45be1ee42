import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.market_day_public import MarketDayPublic
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    trading_date: datetime.date,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/market/days/{trading_date}".format(
            trading_date=quote(str(trading_date), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MarketDayPublic | Problem | None:
    if response.status_code == 200:
        response_200 = MarketDayPublic.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[MarketDayPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    trading_date: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> Response[MarketDayPublic | Problem]:
    """A trading day's report

    Args:
        trading_date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MarketDayPublic | Problem]
    """

    kwargs = _get_kwargs(
        trading_date=trading_date,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    trading_date: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> MarketDayPublic | Problem | None:
    """A trading day's report

    Args:
        trading_date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MarketDayPublic | Problem
    """

    return sync_detailed(
        trading_date=trading_date,
        client=client,
    ).parsed


async def asyncio_detailed(
    trading_date: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> Response[MarketDayPublic | Problem]:
    """A trading day's report

    Args:
        trading_date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MarketDayPublic | Problem]
    """

    kwargs = _get_kwargs(
        trading_date=trading_date,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    trading_date: datetime.date,
    *,
    client: AuthenticatedClient | Client,
) -> MarketDayPublic | Problem | None:
    """A trading day's report

    Args:
        trading_date (datetime.date):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MarketDayPublic | Problem
    """

    return (
        await asyncio_detailed(
            trading_date=trading_date,
            client=client,
        )
    ).parsed
