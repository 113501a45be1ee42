from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.certificate_public import CertificatePublic
from ...models.issue_certificate import IssueCertificate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    verifier_id: str,
    *,
    body: IssueCertificate,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/verifiers/{verifier_id}/certificates".format(
            verifier_id=quote(str(verifier_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CertificatePublic | Problem | None:
    if response.status_code == 201:
        response_201 = CertificatePublic.from_dict(response.json())

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
) -> Response[CertificatePublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    verifier_id: str,
    *,
    client: AuthenticatedClient,
    body: IssueCertificate,
    idempotency_key: str | Unset = UNSET,
) -> Response[CertificatePublic | Problem]:
    """Issue the year's work certificate (核查工作证) to a verifier who passed the training (V)

    Args:
        verifier_id (str):
        idempotency_key (str | Unset):
        body (IssueCertificate): V: the year's verification work certificate (核查工作证) for a
            verifier who passed the year's training.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificatePublic | Problem]
    """

    kwargs = _get_kwargs(
        verifier_id=verifier_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    verifier_id: str,
    *,
    client: AuthenticatedClient,
    body: IssueCertificate,
    idempotency_key: str | Unset = UNSET,
) -> CertificatePublic | Problem | None:
    """Issue the year's work certificate (核查工作证) to a verifier who passed the training (V)

    Args:
        verifier_id (str):
        idempotency_key (str | Unset):
        body (IssueCertificate): V: the year's verification work certificate (核查工作证) for a
            verifier who passed the year's training.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificatePublic | Problem
    """

    return sync_detailed(
        verifier_id=verifier_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    verifier_id: str,
    *,
    client: AuthenticatedClient,
    body: IssueCertificate,
    idempotency_key: str | Unset = UNSET,
) -> Response[CertificatePublic | Problem]:
    """Issue the year's work certificate (核查工作证) to a verifier who passed the training (V)

    Args:
        verifier_id (str):
        idempotency_key (str | Unset):
        body (IssueCertificate): V: the year's verification work certificate (核查工作证) for a
            verifier who passed the year's training.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificatePublic | Problem]
    """

    kwargs = _get_kwargs(
        verifier_id=verifier_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    verifier_id: str,
    *,
    client: AuthenticatedClient,
    body: IssueCertificate,
    idempotency_key: str | Unset = UNSET,
) -> CertificatePublic | Problem | None:
    """Issue the year's work certificate (核查工作证) to a verifier who passed the training (V)

    Args:
        verifier_id (str):
        idempotency_key (str | Unset):
        body (IssueCertificate): V: the year's verification work certificate (核查工作证) for a
            verifier who passed the year's training.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificatePublic | Problem
    """

    return (
        await asyncio_detailed(
            verifier_id=verifier_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
