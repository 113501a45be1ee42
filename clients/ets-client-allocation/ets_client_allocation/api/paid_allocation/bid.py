from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bid_public import BidPublic
from ...models.place_bid import PlaceBid
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    sale_id: str,
    *,
    body: PlaceBid,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/sales/{sale_id}/bids".format(
            sale_id=quote(str(sale_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BidPublic | Problem | None:
    if response.status_code == 201:
        response_201 = BidPublic.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[BidPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    sale_id: str,
    *,
    client: AuthenticatedClient,
    body: PlaceBid,
    idempotency_key: str | Unset = UNSET,
) -> Response[BidPublic | Problem]:
    """A covered entity's sealed bid, or subscription at the fixed price (M-9)

    Args:
        sale_id (str):
        idempotency_key (str | Unset):
        body (PlaceBid): A sealed bid, or a subscription at the fixed price; a later one replaces
            the bidder's own while open.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BidPublic | Problem]
    """

    kwargs = _get_kwargs(
        sale_id=sale_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sale_id: str,
    *,
    client: AuthenticatedClient,
    body: PlaceBid,
    idempotency_key: str | Unset = UNSET,
) -> BidPublic | Problem | None:
    """A covered entity's sealed bid, or subscription at the fixed price (M-9)

    Args:
        sale_id (str):
        idempotency_key (str | Unset):
        body (PlaceBid): A sealed bid, or a subscription at the fixed price; a later one replaces
            the bidder's own while open.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BidPublic | Problem
    """

    return sync_detailed(
        sale_id=sale_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    sale_id: str,
    *,
    client: AuthenticatedClient,
    body: PlaceBid,
    idempotency_key: str | Unset = UNSET,
) -> Response[BidPublic | Problem]:
    """A covered entity's sealed bid, or subscription at the fixed price (M-9)

    Args:
        sale_id (str):
        idempotency_key (str | Unset):
        body (PlaceBid): A sealed bid, or a subscription at the fixed price; a later one replaces
            the bidder's own while open.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BidPublic | Problem]
    """

    kwargs = _get_kwargs(
        sale_id=sale_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sale_id: str,
    *,
    client: AuthenticatedClient,
    body: PlaceBid,
    idempotency_key: str | Unset = UNSET,
) -> BidPublic | Problem | None:
    """A covered entity's sealed bid, or subscription at the fixed price (M-9)

    Args:
        sale_id (str):
        idempotency_key (str | Unset):
        body (PlaceBid): A sealed bid, or a subscription at the fixed price; a later one replaces
            the bidder's own while open.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BidPublic | Problem
    """

    return (
        await asyncio_detailed(
            sale_id=sale_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
