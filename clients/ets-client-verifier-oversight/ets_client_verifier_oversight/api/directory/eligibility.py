from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.eligibility_public import EligibilityPublic
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    agency_id: str,
    compliance_year: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/agencies/{agency_id}/eligibility/{compliance_year}".format(
            agency_id=quote(str(agency_id), safe=""),
            compliance_year=quote(str(compliance_year), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EligibilityPublic | Problem | None:
    if response.status_code == 200:
        response_200 = EligibilityPublic.from_dict(response.json())

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
) -> Response[EligibilityPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
) -> Response[EligibilityPublic | Problem]:
    """May the agency do verification work for the year? (V: selected, filed, not blacklisted)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EligibilityPublic | Problem]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
        compliance_year=compliance_year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
) -> EligibilityPublic | Problem | None:
    """May the agency do verification work for the year? (V: selected, filed, not blacklisted)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EligibilityPublic | Problem
    """

    return sync_detailed(
        agency_id=agency_id,
        compliance_year=compliance_year,
        client=client,
    ).parsed


async def asyncio_detailed(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
) -> Response[EligibilityPublic | Problem]:
    """May the agency do verification work for the year? (V: selected, filed, not blacklisted)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EligibilityPublic | Problem]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
        compliance_year=compliance_year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
) -> EligibilityPublic | Problem | None:
    """May the agency do verification work for the year? (V: selected, filed, not blacklisted)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EligibilityPublic | Problem
    """

    return (
        await asyncio_detailed(
            agency_id=agency_id,
            compliance_year=compliance_year,
            client=client,
        )
    ).parsed
