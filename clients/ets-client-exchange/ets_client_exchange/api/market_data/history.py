import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.day_of_product import DayOfProduct
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    product_id: str,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["product_id"] = product_id

    json_start: None | str | Unset
    if isinstance(start, Unset):
        json_start = UNSET
    elif isinstance(start, datetime.date):
        json_start = start.isoformat()
    else:
        json_start = start
    params["start"] = json_start

    json_end: None | str | Unset
    if isinstance(end, Unset):
        json_end = UNSET
    elif isinstance(end, datetime.date):
        json_end = end.isoformat()
    else:
        json_end = end
    params["end"] = json_end

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/market/days",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[DayOfProduct] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = DayOfProduct.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[DayOfProduct]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    product_id: str,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[DayOfProduct]]:
    """Reported days of a product by date range

    Args:
        product_id (str):
        start (datetime.date | None | Unset): first day (inclusive); default: end - 30 days
        end (datetime.date | None | Unset): last day (inclusive); default: today
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DayOfProduct]]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
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
    *,
    client: AuthenticatedClient | Client,
    product_id: str,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[DayOfProduct] | None:
    """Reported days of a product by date range

    Args:
        product_id (str):
        start (datetime.date | None | Unset): first day (inclusive); default: end - 30 days
        end (datetime.date | None | Unset): last day (inclusive); default: today
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DayOfProduct]
    """

    return sync_detailed(
        client=client,
        product_id=product_id,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    product_id: str,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[DayOfProduct]]:
    """Reported days of a product by date range

    Args:
        product_id (str):
        start (datetime.date | None | Unset): first day (inclusive); default: end - 30 days
        end (datetime.date | None | Unset): last day (inclusive); default: today
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[DayOfProduct]]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    product_id: str,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[DayOfProduct] | None:
    """Reported days of a product by date range

    Args:
        product_id (str):
        start (datetime.date | None | Unset): first day (inclusive); default: end - 30 days
        end (datetime.date | None | Unset): last day (inclusive); default: today
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[DayOfProduct]
    """

    return (
        await asyncio_detailed(
            client=client,
            product_id=product_id,
            start=start,
            end=end,
            offset=offset,
            limit=limit,
        )
    ).parsed
