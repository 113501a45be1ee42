from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.department_answer import DepartmentAnswer
from ...models.problem import Problem
from ...types import UNSET, Response


def _get_kwargs(
    entity_id: str,
    *,
    year: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["year"] = year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/entities/{entity_id}/project-assessment".format(
            entity_id=quote(str(entity_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DepartmentAnswer | Problem | None:
    if response.status_code == 200:
        response_200 = DepartmentAnswer.from_dict(response.json())

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
) -> Response[DepartmentAnswer | Problem]:
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
    year: int,
) -> Response[DepartmentAnswer | Problem]:
    """May the energy assessment of the entity's new fixed-asset project be accepted in the year? (M-40(3))

    Args:
        entity_id (str):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepartmentAnswer | Problem]
    """

    kwargs = _get_kwargs(
        entity_id=entity_id,
        year=year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    year: int,
) -> DepartmentAnswer | Problem | None:
    """May the energy assessment of the entity's new fixed-asset project be accepted in the year? (M-40(3))

    Args:
        entity_id (str):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepartmentAnswer | Problem
    """

    return sync_detailed(
        entity_id=entity_id,
        client=client,
        year=year,
    ).parsed


async def asyncio_detailed(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    year: int,
) -> Response[DepartmentAnswer | Problem]:
    """May the energy assessment of the entity's new fixed-asset project be accepted in the year? (M-40(3))

    Args:
        entity_id (str):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DepartmentAnswer | Problem]
    """

    kwargs = _get_kwargs(
        entity_id=entity_id,
        year=year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    year: int,
) -> DepartmentAnswer | Problem | None:
    """May the energy assessment of the entity's new fixed-asset project be accepted in the year? (M-40(3))

    Args:
        entity_id (str):
        year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DepartmentAnswer | Problem
    """

    return (
        await asyncio_detailed(
            entity_id=entity_id,
            client=client,
            year=year,
        )
    ).parsed
