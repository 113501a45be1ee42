from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.entity_public import EntityPublic
from ...models.problem import Problem
from ...models.register_entity import RegisterEntity
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: RegisterEntity,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/entities",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EntityPublic | Problem | None:
    if response.status_code == 201:
        response_201 = EntityPublic.from_dict(response.json())

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
) -> Response[EntityPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RegisterEntity,
    idempotency_key: str | Unset = UNSET,
) -> Response[EntityPublic | Problem]:
    """Register an emitter with its known emissions: covered by its sector's threshold (M-5, with a holding
    account, M-32) or reporting-only (M-12 ¶2); below both refused

    Args:
        idempotency_key (str | Unset):
        body (RegisterEntity): M-5 / M-12 ¶2: an emitter the authority knows, with its annual
            emissions; the year's thresholds decide whether
            it is covered (its sector's inclusion threshold, M-5) or reporting-only (10,000 t, M-12
            ¶2). Below both it is
            refused: it may apply to be covered (`POST /coverage-applications`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EntityPublic | Problem]
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
    body: RegisterEntity,
    idempotency_key: str | Unset = UNSET,
) -> EntityPublic | Problem | None:
    """Register an emitter with its known emissions: covered by its sector's threshold (M-5, with a holding
    account, M-32) or reporting-only (M-12 ¶2); below both refused

    Args:
        idempotency_key (str | Unset):
        body (RegisterEntity): M-5 / M-12 ¶2: an emitter the authority knows, with its annual
            emissions; the year's thresholds decide whether
            it is covered (its sector's inclusion threshold, M-5) or reporting-only (10,000 t, M-12
            ¶2). Below both it is
            refused: it may apply to be covered (`POST /coverage-applications`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EntityPublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RegisterEntity,
    idempotency_key: str | Unset = UNSET,
) -> Response[EntityPublic | Problem]:
    """Register an emitter with its known emissions: covered by its sector's threshold (M-5, with a holding
    account, M-32) or reporting-only (M-12 ¶2); below both refused

    Args:
        idempotency_key (str | Unset):
        body (RegisterEntity): M-5 / M-12 ¶2: an emitter the authority knows, with its annual
            emissions; the year's thresholds decide whether
            it is covered (its sector's inclusion threshold, M-5) or reporting-only (10,000 t, M-12
            ¶2). Below both it is
            refused: it may apply to be covered (`POST /coverage-applications`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EntityPublic | Problem]
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
    body: RegisterEntity,
    idempotency_key: str | Unset = UNSET,
) -> EntityPublic | Problem | None:
    """Register an emitter with its known emissions: covered by its sector's threshold (M-5, with a holding
    account, M-32) or reporting-only (M-12 ¶2); below both refused

    Args:
        idempotency_key (str | Unset):
        body (RegisterEntity): M-5 / M-12 ¶2: an emitter the authority knows, with its annual
            emissions; the year's thresholds decide whether
            it is covered (its sector's inclusion threshold, M-5) or reporting-only (10,000 t, M-12
            ¶2). Below both it is
            refused: it may apply to be covered (`POST /coverage-applications`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EntityPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
