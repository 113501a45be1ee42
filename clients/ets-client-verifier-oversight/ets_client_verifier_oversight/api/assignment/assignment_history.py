from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assignment_history_entry import AssignmentHistoryEntry
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    compliance_year: int,
    entity_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/assignments/{compliance_year}/{entity_id}/history".format(
            compliance_year=quote(str(compliance_year), safe=""),
            entity_id=quote(str(entity_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[AssignmentHistoryEntry] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AssignmentHistoryEntry.from_dict(response_200_item_data)

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
) -> Response[Problem | list[AssignmentHistoryEntry]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    compliance_year: int,
    entity_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[AssignmentHistoryEntry]]:
    """Every assignment and reassignment of the entity-year, with who and why (authority)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        entity_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AssignmentHistoryEntry]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        entity_id=entity_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    compliance_year: int,
    entity_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[AssignmentHistoryEntry] | None:
    """Every assignment and reassignment of the entity-year, with who and why (authority)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        entity_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AssignmentHistoryEntry]
    """

    return sync_detailed(
        compliance_year=compliance_year,
        entity_id=entity_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    compliance_year: int,
    entity_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | list[AssignmentHistoryEntry]]:
    """Every assignment and reassignment of the entity-year, with who and why (authority)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        entity_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AssignmentHistoryEntry]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        entity_id=entity_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    compliance_year: int,
    entity_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | list[AssignmentHistoryEntry] | None:
    """Every assignment and reassignment of the entity-year, with who and why (authority)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        entity_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AssignmentHistoryEntry]
    """

    return (
        await asyncio_detailed(
            compliance_year=compliance_year,
            entity_id=entity_id,
            client=client,
        )
    ).parsed
