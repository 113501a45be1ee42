from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agency_version_public import AgencyVersionPublic
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    agency_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/directory/{agency_id}/history".format(
            agency_id=quote(str(agency_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[AgencyVersionPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AgencyVersionPublic.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

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
) -> Response[Problem | list[AgencyVersionPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agency_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | list[AgencyVersionPublic]]:
    """Public history of a directory entry (M-14): every version, with why it changed

    Args:
        agency_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AgencyVersionPublic]]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agency_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | list[AgencyVersionPublic] | None:
    """Public history of a directory entry (M-14): every version, with why it changed

    Args:
        agency_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AgencyVersionPublic]
    """

    return sync_detailed(
        agency_id=agency_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    agency_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | list[AgencyVersionPublic]]:
    """Public history of a directory entry (M-14): every version, with why it changed

    Args:
        agency_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AgencyVersionPublic]]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agency_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | list[AgencyVersionPublic] | None:
    """Public history of a directory entry (M-14): every version, with why it changed

    Args:
        agency_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AgencyVersionPublic]
    """

    return (
        await asyncio_detailed(
            agency_id=agency_id,
            client=client,
        )
    ).parsed
