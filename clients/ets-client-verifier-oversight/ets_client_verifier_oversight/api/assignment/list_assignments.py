from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.engagement_public import EngagementPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    compliance_year: int,
    *,
    agency_id: None | str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_agency_id: None | str | Unset
    if isinstance(agency_id, Unset):
        json_agency_id = UNSET
    else:
        json_agency_id = agency_id
    params["agency_id"] = json_agency_id

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/assignments/{compliance_year}".format(
            compliance_year=quote(str(compliance_year), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[EngagementPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = EngagementPublic.from_dict(response_200_item_data)

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
) -> Response[Problem | list[EngagementPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    agency_id: None | str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[EngagementPublic]]:
    """The year's engagements (authority, panel; an agency: its own)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        agency_id (None | str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[EngagementPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        agency_id=agency_id,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    agency_id: None | str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[EngagementPublic] | None:
    """The year's engagements (authority, panel; an agency: its own)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        agency_id (None | str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[EngagementPublic]
    """

    return sync_detailed(
        compliance_year=compliance_year,
        client=client,
        agency_id=agency_id,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    agency_id: None | str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[EngagementPublic]]:
    """The year's engagements (authority, panel; an agency: its own)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        agency_id (None | str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[EngagementPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        agency_id=agency_id,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    agency_id: None | str | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[EngagementPublic] | None:
    """The year's engagements (authority, panel; an agency: its own)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        agency_id (None | str | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[EngagementPublic]
    """

    return (
        await asyncio_detailed(
            compliance_year=compliance_year,
            client=client,
            agency_id=agency_id,
            offset=offset,
            limit=limit,
        )
    ).parsed
