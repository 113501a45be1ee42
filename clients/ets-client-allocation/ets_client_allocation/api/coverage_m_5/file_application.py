from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.application_public import ApplicationPublic
from ...models.file_coverage_application import FileCoverageApplication
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: FileCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/coverage-applications",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApplicationPublic | Problem | None:
    if response.status_code == 201:
        response_201 = ApplicationPublic.from_dict(response.json())

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
) -> Response[ApplicationPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FileCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApplicationPublic | Problem]:
    """Apply to be covered voluntarily from a year (M-5 ¶1); the caller is the organisation

    Args:
        idempotency_key (str | Unset):
        body (FileCoverageApplication): M-5 ¶1: an organisation (the caller) applies to be covered
            from a compliance year.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicationPublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: FileCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> ApplicationPublic | Problem | None:
    """Apply to be covered voluntarily from a year (M-5 ¶1); the caller is the organisation

    Args:
        idempotency_key (str | Unset):
        body (FileCoverageApplication): M-5 ¶1: an organisation (the caller) applies to be covered
            from a compliance year.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicationPublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FileCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApplicationPublic | Problem]:
    """Apply to be covered voluntarily from a year (M-5 ¶1); the caller is the organisation

    Args:
        idempotency_key (str | Unset):
        body (FileCoverageApplication): M-5 ¶1: an organisation (the caller) applies to be covered
            from a compliance year.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicationPublic | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: FileCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> ApplicationPublic | Problem | None:
    """Apply to be covered voluntarily from a year (M-5 ¶1); the caller is the organisation

    Args:
        idempotency_key (str | Unset):
        body (FileCoverageApplication): M-5 ¶1: an organisation (the caller) applies to be covered
            from a compliance year.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicationPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
