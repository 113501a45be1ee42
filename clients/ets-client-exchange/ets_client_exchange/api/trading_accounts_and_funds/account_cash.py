import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cash_movement_public import CashMovementPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    trading_account_id: str,
    *,
    start: datetime.datetime | None | Unset = UNSET,
    end: datetime.datetime | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_start: None | str | Unset
    if isinstance(start, Unset):
        json_start = UNSET
    elif isinstance(start, datetime.datetime):
        json_start = start.isoformat()
    else:
        json_start = start
    params["start"] = json_start

    json_end: None | str | Unset
    if isinstance(end, Unset):
        json_end = UNSET
    elif isinstance(end, datetime.datetime):
        json_end = end.isoformat()
    else:
        json_end = end
    params["end"] = json_end

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/trading-accounts/{trading_account_id}/cash-movements".format(
            trading_account_id=quote(str(trading_account_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[CashMovementPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = CashMovementPublic.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | list[CashMovementPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    trading_account_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime | None | Unset = UNSET,
    end: datetime.datetime | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[CashMovementPublic]]:
    """Deposits and withdrawals

    Args:
        trading_account_id (str):
        start (datetime.datetime | None | Unset): from (inclusive)
        end (datetime.datetime | None | Unset): to (exclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CashMovementPublic]]
    """

    kwargs = _get_kwargs(
        trading_account_id=trading_account_id,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    trading_account_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime | None | Unset = UNSET,
    end: datetime.datetime | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[CashMovementPublic] | None:
    """Deposits and withdrawals

    Args:
        trading_account_id (str):
        start (datetime.datetime | None | Unset): from (inclusive)
        end (datetime.datetime | None | Unset): to (exclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CashMovementPublic]
    """

    return sync_detailed(
        trading_account_id=trading_account_id,
        client=client,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    trading_account_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime | None | Unset = UNSET,
    end: datetime.datetime | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[CashMovementPublic]]:
    """Deposits and withdrawals

    Args:
        trading_account_id (str):
        start (datetime.datetime | None | Unset): from (inclusive)
        end (datetime.datetime | None | Unset): to (exclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CashMovementPublic]]
    """

    kwargs = _get_kwargs(
        trading_account_id=trading_account_id,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    trading_account_id: str,
    *,
    client: AuthenticatedClient,
    start: datetime.datetime | None | Unset = UNSET,
    end: datetime.datetime | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[CashMovementPublic] | None:
    """Deposits and withdrawals

    Args:
        trading_account_id (str):
        start (datetime.datetime | None | Unset): from (inclusive)
        end (datetime.datetime | None | Unset): to (exclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CashMovementPublic]
    """

    return (
        await asyncio_detailed(
            trading_account_id=trading_account_id,
            client=client,
            start=start,
            end=end,
            offset=offset,
            limit=limit,
        )
    ).parsed
