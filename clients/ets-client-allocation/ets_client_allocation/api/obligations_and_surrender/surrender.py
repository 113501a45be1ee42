from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.surrender import Surrender
from ...models.surrender_public import SurrenderPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    entity_id: str,
    *,
    body: Surrender,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/entities/{entity_id}/surrenders".format(
            entity_id=quote(str(entity_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SurrenderPublic | None:
    if response.status_code == 201:
        response_201 = SurrenderPublic.from_dict(response.json())

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
) -> Response[Problem | SurrenderPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    body: Surrender,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SurrenderPublic]:
    """Surrender allowances (vintage <= year) and CCERs (<= the M-17 limit) against the year's obligation;
    they are cancelled in the registry (M-16, M-17)

     Surrenders that arrive together are applied together, in one transaction; each is answered once it
    is
    committed, and a refused one is refused alone.

    Args:
        entity_id (str):
        idempotency_key (str | Unset):
        body (Surrender): M-16: units surrendered against the year's obligation (cancelled in the
            registry).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurrenderPublic]
    """

    kwargs = _get_kwargs(
        entity_id=entity_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    body: Surrender,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SurrenderPublic | None:
    """Surrender allowances (vintage <= year) and CCERs (<= the M-17 limit) against the year's obligation;
    they are cancelled in the registry (M-16, M-17)

     Surrenders that arrive together are applied together, in one transaction; each is answered once it
    is
    committed, and a refused one is refused alone.

    Args:
        entity_id (str):
        idempotency_key (str | Unset):
        body (Surrender): M-16: units surrendered against the year's obligation (cancelled in the
            registry).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurrenderPublic
    """

    return sync_detailed(
        entity_id=entity_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    body: Surrender,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SurrenderPublic]:
    """Surrender allowances (vintage <= year) and CCERs (<= the M-17 limit) against the year's obligation;
    they are cancelled in the registry (M-16, M-17)

     Surrenders that arrive together are applied together, in one transaction; each is answered once it
    is
    committed, and a refused one is refused alone.

    Args:
        entity_id (str):
        idempotency_key (str | Unset):
        body (Surrender): M-16: units surrendered against the year's obligation (cancelled in the
            registry).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurrenderPublic]
    """

    kwargs = _get_kwargs(
        entity_id=entity_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    body: Surrender,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SurrenderPublic | None:
    """Surrender allowances (vintage <= year) and CCERs (<= the M-17 limit) against the year's obligation;
    they are cancelled in the registry (M-16, M-17)

     Surrenders that arrive together are applied together, in one transaction; each is answered once it
    is
    committed, and a refused one is refused alone.

    Args:
        entity_id (str):
        idempotency_key (str | Unset):
        body (Surrender): M-16: units surrendered against the year's obligation (cancelled in the
            registry).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurrenderPublic
    """

    return (
        await asyncio_detailed(
            entity_id=entity_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
