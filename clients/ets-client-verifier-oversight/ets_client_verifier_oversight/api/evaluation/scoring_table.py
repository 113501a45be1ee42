from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.scoring_table_public import ScoringTablePublic
from ...types import Response


def _get_kwargs(
    compliance_year: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/scoring-tables/{compliance_year}".format(
            compliance_year=quote(str(compliance_year), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ScoringTablePublic | None:
    if response.status_code == 200:
        response_200 = ScoringTablePublic.from_dict(response.json())

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
) -> Response[Problem | ScoringTablePublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ScoringTablePublic]:
    """Public: the year's scoring table (考核记分细则) in force, with its version

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScoringTablePublic]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ScoringTablePublic | None:
    """Public: the year's scoring table (考核记分细则) in force, with its version

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScoringTablePublic
    """

    return sync_detailed(
        compliance_year=compliance_year,
        client=client,
    ).parsed


async def asyncio_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Problem | ScoringTablePublic]:
    """Public: the year's scoring table (考核记分细则) in force, with its version

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ScoringTablePublic]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
) -> Problem | ScoringTablePublic | None:
    """Public: the year's scoring table (考核记分细则) in force, with its version

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ScoringTablePublic
    """

    return (
        await asyncio_detailed(
            compliance_year=compliance_year,
            client=client,
        )
    ).parsed
