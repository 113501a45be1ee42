from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signatory_check import SignatoryCheck
from ...types import UNSET, Response


def _get_kwargs(
    compliance_year: int,
    *,
    entity_id: str,
    agency_id: str,
    verifier_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["entity_id"] = entity_id

    params["agency_id"] = agency_id

    params["verifier_id"] = verifier_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/signatories/{compliance_year}/check".format(
            compliance_year=quote(str(compliance_year), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SignatoryCheck | None:
    if response.status_code == 200:
        response_200 = SignatoryCheck.from_dict(response.json())

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
) -> Response[Problem | SignatoryCheck]:
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
    entity_id: str,
    agency_id: str,
    verifier_id: str,
) -> Response[Problem | SignatoryCheck]:
    """Would a verification of the entity's report by this verifier for this agency be accepted now?

    Args:
        compliance_year (int):
        entity_id (str):
        agency_id (str):
        verifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignatoryCheck]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        entity_id=entity_id,
        agency_id=agency_id,
        verifier_id=verifier_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    entity_id: str,
    agency_id: str,
    verifier_id: str,
) -> Problem | SignatoryCheck | None:
    """Would a verification of the entity's report by this verifier for this agency be accepted now?

    Args:
        compliance_year (int):
        entity_id (str):
        agency_id (str):
        verifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignatoryCheck
    """

    return sync_detailed(
        compliance_year=compliance_year,
        client=client,
        entity_id=entity_id,
        agency_id=agency_id,
        verifier_id=verifier_id,
    ).parsed


async def asyncio_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    entity_id: str,
    agency_id: str,
    verifier_id: str,
) -> Response[Problem | SignatoryCheck]:
    """Would a verification of the entity's report by this verifier for this agency be accepted now?

    Args:
        compliance_year (int):
        entity_id (str):
        agency_id (str):
        verifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SignatoryCheck]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        entity_id=entity_id,
        agency_id=agency_id,
        verifier_id=verifier_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    entity_id: str,
    agency_id: str,
    verifier_id: str,
) -> Problem | SignatoryCheck | None:
    """Would a verification of the entity's report by this verifier for this agency be accepted now?

    Args:
        compliance_year (int):
        entity_id (str):
        agency_id (str):
        verifier_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SignatoryCheck
    """

    return (
        await asyncio_detailed(
            compliance_year=compliance_year,
            client=client,
            entity_id=entity_id,
            agency_id=agency_id,
            verifier_id=verifier_id,
        )
    ).parsed
