from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.register_verifier import RegisterVerifier
from ...models.verifier_public import VerifierPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agency_id: str,
    *,
    body: RegisterVerifier,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/agencies/{agency_id}/verifiers".format(
            agency_id=quote(str(agency_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | VerifierPublic | None:
    if response.status_code == 201:
        response_201 = VerifierPublic.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | VerifierPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agency_id: str,
    *,
    client: AuthenticatedClient,
    body: RegisterVerifier,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | VerifierPublic]:
    """Register a verifier (核查人员) of the agency (authority or the agency itself)

    Args:
        agency_id (str):
        idempotency_key (str | Unset):
        body (RegisterVerifier):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VerifierPublic]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agency_id: str,
    *,
    client: AuthenticatedClient,
    body: RegisterVerifier,
    idempotency_key: str | Unset = UNSET,
) -> Problem | VerifierPublic | None:
    """Register a verifier (核查人员) of the agency (authority or the agency itself)

    Args:
        agency_id (str):
        idempotency_key (str | Unset):
        body (RegisterVerifier):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VerifierPublic
    """

    return sync_detailed(
        agency_id=agency_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agency_id: str,
    *,
    client: AuthenticatedClient,
    body: RegisterVerifier,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | VerifierPublic]:
    """Register a verifier (核查人员) of the agency (authority or the agency itself)

    Args:
        agency_id (str):
        idempotency_key (str | Unset):
        body (RegisterVerifier):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | VerifierPublic]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agency_id: str,
    *,
    client: AuthenticatedClient,
    body: RegisterVerifier,
    idempotency_key: str | Unset = UNSET,
) -> Problem | VerifierPublic | None:
    """Register a verifier (核查人员) of the agency (authority or the agency itself)

    Args:
        agency_id (str):
        idempotency_key (str | Unset):
        body (RegisterVerifier):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | VerifierPublic
    """

    return (
        await asyncio_detailed(
            agency_id=agency_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
