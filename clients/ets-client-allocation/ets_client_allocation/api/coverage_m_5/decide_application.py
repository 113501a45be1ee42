from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.application_public import ApplicationPublic
from ...models.decide_coverage_application import DecideCoverageApplication
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    application_id: str,
    *,
    body: DecideCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/coverage-applications/{application_id}/decision".format(
            application_id=quote(str(application_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApplicationPublic | Problem | None:
    if response.status_code == 200:
        response_200 = ApplicationPublic.from_dict(response.json())

        return response_200

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
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DecideCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApplicationPublic | Problem]:
    """Approve (the organisation is covered from the year, with its holding account) or reject a voluntary
    application, with reasons (M-5 ¶1)

    Args:
        application_id (str):
        idempotency_key (str | Unset):
        body (DecideCoverageApplication): The authority approves or rejects a voluntary
            application, with its reasons (M-5 ¶1).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicationPublic | Problem]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DecideCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> ApplicationPublic | Problem | None:
    """Approve (the organisation is covered from the year, with its holding account) or reject a voluntary
    application, with reasons (M-5 ¶1)

    Args:
        application_id (str):
        idempotency_key (str | Unset):
        body (DecideCoverageApplication): The authority approves or rejects a voluntary
            application, with its reasons (M-5 ¶1).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicationPublic | Problem
    """

    return sync_detailed(
        application_id=application_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DecideCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> Response[ApplicationPublic | Problem]:
    """Approve (the organisation is covered from the year, with its holding account) or reject a voluntary
    application, with reasons (M-5 ¶1)

    Args:
        application_id (str):
        idempotency_key (str | Unset):
        body (DecideCoverageApplication): The authority approves or rejects a voluntary
            application, with its reasons (M-5 ¶1).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApplicationPublic | Problem]
    """

    kwargs = _get_kwargs(
        application_id=application_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    application_id: str,
    *,
    client: AuthenticatedClient,
    body: DecideCoverageApplication,
    idempotency_key: str | Unset = UNSET,
) -> ApplicationPublic | Problem | None:
    """Approve (the organisation is covered from the year, with its holding account) or reject a voluntary
    application, with reasons (M-5 ¶1)

    Args:
        application_id (str):
        idempotency_key (str | Unset):
        body (DecideCoverageApplication): The authority approves or rejects a voluntary
            application, with its reasons (M-5 ¶1).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApplicationPublic | Problem
    """

    return (
        await asyncio_detailed(
            application_id=application_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
