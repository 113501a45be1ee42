from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signatories_public import SignatoriesPublic
from ...types import UNSET, Response


def _get_kwargs(
    *,
    compliance_year: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["compliance_year"] = compliance_year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/signatories",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SignatoriesPublic | None:
    if response.status_code == 200:
        response_200 = SignatoriesPublic.from_dict(response.json())

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
) -> Response[Problem | SignatoriesPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Response[Problem | SignatoriesPublic]:
    """Per year: may each agency and each certified verifier sign verification work? (V, M-13, M-14)

    Args:
        compliance_year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignatoriesPublic]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Problem | SignatoriesPublic | None:
    """Per year: may each agency and each certified verifier sign verification work? (V, M-13, M-14)

    Args:
        compliance_year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignatoriesPublic
    """

    return sync_detailed(
        client=client,
        compliance_year=compliance_year,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Response[Problem | SignatoriesPublic]:
    """Per year: may each agency and each certified verifier sign verification work? (V, M-13, M-14)

    Args:
        compliance_year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignatoriesPublic]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Problem | SignatoriesPublic | None:
    """Per year: may each agency and each certified verifier sign verification work? (V, M-13, M-14)

    Args:
        compliance_year (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignatoriesPublic
    """

    return (
        await asyncio_detailed(
            client=client,
            compliance_year=compliance_year,
        )
    ).parsed
