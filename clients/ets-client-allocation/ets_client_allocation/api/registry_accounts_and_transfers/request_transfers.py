from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bulk_result_transaction_public import BulkResultTransactionPublic
from ...models.problem import Problem
from ...models.request_transfers import RequestTransfers
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: RequestTransfers,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/registry/transfers/batch",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BulkResultTransactionPublic | Problem | None:
    if response.status_code == 200:
        response_200 = BulkResultTransactionPublic.from_dict(response.json())

        return response_200

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
) -> Response[BulkResultTransactionPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RequestTransfers,
    idempotency_key: str | Unset = UNSET,
) -> Response[BulkResultTransactionPublic | Problem]:
    """A holder's transfers in bulk (1 to 1,000, each as `POST /registry/transfers` would judge it, on the
    registry as the ones before it left it): registered together in one transaction, set-based; 200 with
    one result per transfer in request order — 201 and the registered transaction, or the refusal's
    problem+json with its field prefixed (`transfers[3].lines[0].quantity`)

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfers): A holder's transfers in one request (`POST
            /registry/transfers/batch`), each registered or refused alone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkResultTransactionPublic | Problem]
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
    body: RequestTransfers,
    idempotency_key: str | Unset = UNSET,
) -> BulkResultTransactionPublic | Problem | None:
    """A holder's transfers in bulk (1 to 1,000, each as `POST /registry/transfers` would judge it, on the
    registry as the ones before it left it): registered together in one transaction, set-based; 200 with
    one result per transfer in request order — 201 and the registered transaction, or the refusal's
    problem+json with its field prefixed (`transfers[3].lines[0].quantity`)

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfers): A holder's transfers in one request (`POST
            /registry/transfers/batch`), each registered or refused alone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkResultTransactionPublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RequestTransfers,
    idempotency_key: str | Unset = UNSET,
) -> Response[BulkResultTransactionPublic | Problem]:
    """A holder's transfers in bulk (1 to 1,000, each as `POST /registry/transfers` would judge it, on the
    registry as the ones before it left it): registered together in one transaction, set-based; 200 with
    one result per transfer in request order — 201 and the registered transaction, or the refusal's
    problem+json with its field prefixed (`transfers[3].lines[0].quantity`)

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfers): A holder's transfers in one request (`POST
            /registry/transfers/batch`), each registered or refused alone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BulkResultTransactionPublic | Problem]
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
    body: RequestTransfers,
    idempotency_key: str | Unset = UNSET,
) -> BulkResultTransactionPublic | Problem | None:
    """A holder's transfers in bulk (1 to 1,000, each as `POST /registry/transfers` would judge it, on the
    registry as the ones before it left it): registered together in one transaction, set-based; 200 with
    one result per transfer in request order — 201 and the registered transaction, or the refusal's
    problem+json with its field prefixed (`transfers[3].lines[0].quantity`)

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfers): A holder's transfers in one request (`POST
            /registry/transfers/batch`), each registered or refused alone.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BulkResultTransactionPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
