import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.signing_eligibility_public import SigningEligibilityPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    verifier_id: str,
    compliance_year: int,
    *,
    at: datetime.datetime | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_at: None | str | Unset
    if isinstance(at, Unset):
        json_at = UNSET
    elif isinstance(at, datetime.datetime):
        json_at = at.isoformat()
    else:
        json_at = at
    params["at"] = json_at

    json_entity_id: None | str | Unset
    if isinstance(entity_id, Unset):
        json_entity_id = UNSET
    else:
        json_entity_id = entity_id
    params["entity_id"] = json_entity_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/verifiers/{verifier_id}/eligibility/{compliance_year}".format(
            verifier_id=quote(str(verifier_id), safe=""),
            compliance_year=quote(str(compliance_year), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SigningEligibilityPublic | None:
    if response.status_code == 200:
        response_200 = SigningEligibilityPublic.from_dict(response.json())

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
) -> Response[Problem | SigningEligibilityPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    verifier_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
) -> Response[Problem | SigningEligibilityPublic]:
    """May the verifier sign verification work for the year, for an entity, at an instant? (V, M-13)

    Args:
        verifier_id (str):
        compliance_year (int): Compliance year whose reports are verified
        at (datetime.datetime | None | Unset):
        entity_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SigningEligibilityPublic]
    """

    kwargs = _get_kwargs(
        verifier_id=verifier_id,
        compliance_year=compliance_year,
        at=at,
        entity_id=entity_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    verifier_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
) -> Problem | SigningEligibilityPublic | None:
    """May the verifier sign verification work for the year, for an entity, at an instant? (V, M-13)

    Args:
        verifier_id (str):
        compliance_year (int): Compliance year whose reports are verified
        at (datetime.datetime | None | Unset):
        entity_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SigningEligibilityPublic
    """

    return sync_detailed(
        verifier_id=verifier_id,
        compliance_year=compliance_year,
        client=client,
        at=at,
        entity_id=entity_id,
    ).parsed


async def asyncio_detailed(
    verifier_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
) -> Response[Problem | SigningEligibilityPublic]:
    """May the verifier sign verification work for the year, for an entity, at an instant? (V, M-13)

    Args:
        verifier_id (str):
        compliance_year (int): Compliance year whose reports are verified
        at (datetime.datetime | None | Unset):
        entity_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SigningEligibilityPublic]
    """

    kwargs = _get_kwargs(
        verifier_id=verifier_id,
        compliance_year=compliance_year,
        at=at,
        entity_id=entity_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    verifier_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    at: datetime.datetime | None | Unset = UNSET,
    entity_id: None | str | Unset = UNSET,
) -> Problem | SigningEligibilityPublic | None:
    """May the verifier sign verification work for the year, for an entity, at an instant? (V, M-13)

    Args:
        verifier_id (str):
        compliance_year (int): Compliance year whose reports are verified
        at (datetime.datetime | None | Unset):
        entity_id (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SigningEligibilityPublic
    """

    return (
        await asyncio_detailed(
            verifier_id=verifier_id,
            compliance_year=compliance_year,
            client=client,
            at=at,
            entity_id=entity_id,
        )
    ).parsed
