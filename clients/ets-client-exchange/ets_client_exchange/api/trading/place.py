from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.order_public import OrderPublic
from ...models.place_order import PlaceOrder
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PlaceOrder,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/orders",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> OrderPublic | Problem | None:
    if response.status_code == 201:
        response_201 = OrderPublic.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[OrderPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PlaceOrder,
    idempotency_key: str | Unset = UNSET,
) -> Response[OrderPublic | Problem]:
    """Enter a limit order (GTC or immediate-or-cancel) for an account of the calling member

     Queued to the process's sequencer (`service_layer.sequencer`); answered once its batch has
    committed.

    Args:
        idempotency_key (str | Unset):
        body (PlaceOrder): M-23 open bidding: a limit order for a trading account, entered by its
            member.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderPublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: PlaceOrder,
    idempotency_key: str | Unset = UNSET,
) -> OrderPublic | Problem | None:
    """Enter a limit order (GTC or immediate-or-cancel) for an account of the calling member

     Queued to the process's sequencer (`service_layer.sequencer`); answered once its batch has
    committed.

    Args:
        idempotency_key (str | Unset):
        body (PlaceOrder): M-23 open bidding: a limit order for a trading account, entered by its
            member.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderPublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PlaceOrder,
    idempotency_key: str | Unset = UNSET,
) -> Response[OrderPublic | Problem]:
    """Enter a limit order (GTC or immediate-or-cancel) for an account of the calling member

     Queued to the process's sequencer (`service_layer.sequencer`); answered once its batch has
    committed.

    Args:
        idempotency_key (str | Unset):
        body (PlaceOrder): M-23 open bidding: a limit order for a trading account, entered by its
            member.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[OrderPublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: PlaceOrder,
    idempotency_key: str | Unset = UNSET,
) -> OrderPublic | Problem | None:
    """Enter a limit order (GTC or immediate-or-cancel) for an account of the calling member

     Queued to the process's sequencer (`service_layer.sequencer`); answered once its batch has
    committed.

    Args:
        idempotency_key (str | Unset):
        body (PlaceOrder): M-23 open bidding: a limit order for a trading account, entered by its
            member.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        OrderPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
