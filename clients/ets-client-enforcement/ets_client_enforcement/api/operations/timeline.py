from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service_timeline import ServiceTimeline
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    correlation_id: list[str] | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 1000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_correlation_id: list[str] | None | Unset
    if isinstance(correlation_id, Unset):
        json_correlation_id = UNSET
    elif isinstance(correlation_id, list):
        json_correlation_id = correlation_id

    else:
        json_correlation_id = correlation_id
    params["correlation_id"] = json_correlation_id

    json_entity_id: None | str | Unset
    if isinstance(entity_id, Unset):
        json_entity_id = UNSET
    else:
        json_entity_id = entity_id
    params["entity_id"] = json_entity_id

    json_year: int | None | Unset
    if isinstance(year, Unset):
        json_year = UNSET
    else:
        json_year = year
    params["year"] = json_year

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/timeline",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ServiceTimeline | None:
    if response.status_code == 200:
        response_200 = ServiceTimeline.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ServiceTimeline]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    correlation_id: list[str] | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 1000,
) -> Response[Problem | ServiceTimeline]:
    """This service's part of a compliance case's timeline: events published and consumed, audit records —
    for correlation ids, or for an entity and a compliance year

    Args:
        correlation_id (list[str] | None | Unset): a case's correlation id (repeat for several, at
            most 50)
        entity_id (None | str | Unset): with `year`: the entity's case
        year (int | None | Unset): with `entity_id`: the compliance year
        limit (int | Unset): records to return (at most 1000) Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceTimeline]
    """

    kwargs = _get_kwargs(
        correlation_id=correlation_id,
        entity_id=entity_id,
        year=year,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    correlation_id: list[str] | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 1000,
) -> Problem | ServiceTimeline | None:
    """This service's part of a compliance case's timeline: events published and consumed, audit records —
    for correlation ids, or for an entity and a compliance year

    Args:
        correlation_id (list[str] | None | Unset): a case's correlation id (repeat for several, at
            most 50)
        entity_id (None | str | Unset): with `year`: the entity's case
        year (int | None | Unset): with `entity_id`: the compliance year
        limit (int | Unset): records to return (at most 1000) Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceTimeline
    """

    return sync_detailed(
        client=client,
        correlation_id=correlation_id,
        entity_id=entity_id,
        year=year,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    correlation_id: list[str] | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 1000,
) -> Response[Problem | ServiceTimeline]:
    """This service's part of a compliance case's timeline: events published and consumed, audit records —
    for correlation ids, or for an entity and a compliance year

    Args:
        correlation_id (list[str] | None | Unset): a case's correlation id (repeat for several, at
            most 50)
        entity_id (None | str | Unset): with `year`: the entity's case
        year (int | None | Unset): with `entity_id`: the compliance year
        limit (int | Unset): records to return (at most 1000) Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ServiceTimeline]
    """

    kwargs = _get_kwargs(
        correlation_id=correlation_id,
        entity_id=entity_id,
        year=year,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    correlation_id: list[str] | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
    year: int | None | Unset = UNSET,
    limit: int | Unset = 1000,
) -> Problem | ServiceTimeline | None:
    """This service's part of a compliance case's timeline: events published and consumed, audit records —
    for correlation ids, or for an entity and a compliance year

    Args:
        correlation_id (list[str] | None | Unset): a case's correlation id (repeat for several, at
            most 50)
        entity_id (None | str | Unset): with `year`: the entity's case
        year (int | None | Unset): with `entity_id`: the compliance year
        limit (int | Unset): records to return (at most 1000) Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ServiceTimeline
    """

    return (
        await asyncio_detailed(
            client=client,
            correlation_id=correlation_id,
            entity_id=entity_id,
            year=year,
            limit=limit,
        )
    ).parsed
