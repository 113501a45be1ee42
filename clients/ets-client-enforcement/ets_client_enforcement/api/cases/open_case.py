from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_detail import CaseDetail
from ...models.open_case import OpenCase
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: OpenCase,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/cases",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaseDetail | Problem | None:
    if response.status_code == 201:
        response_201 = CaseDetail.from_dict(response.json())

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
) -> Response[CaseDetail | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OpenCase,
    idempotency_key: str | Unset = UNSET,
) -> Response[CaseDetail | Problem]:
    """Open a case by hand (M-37, M-38 ¶1/¶2, M-39, M-41, M-42); M-38 ¶2, M-39, M-41, M-42 order at once

    Args:
        idempotency_key (str | Unset):
        body (OpenCase): §8: an officer opens a case (inspection, complaint, a report from another
            service). `violation_key` names
            the violation as the platform does when it opens the case itself (M-37
            `E-0001-2025-report`, M-39
            `E-0001-2025`, M-41 the finding id, ...): the case is then `CASE-<article>-<key>`, and the
            violation never gets
            a second case. An M-39 case defaults to the key `<entity>-<year>`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseDetail | Problem]
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
    body: OpenCase,
    idempotency_key: str | Unset = UNSET,
) -> CaseDetail | Problem | None:
    """Open a case by hand (M-37, M-38 ¶1/¶2, M-39, M-41, M-42); M-38 ¶2, M-39, M-41, M-42 order at once

    Args:
        idempotency_key (str | Unset):
        body (OpenCase): §8: an officer opens a case (inspection, complaint, a report from another
            service). `violation_key` names
            the violation as the platform does when it opens the case itself (M-37
            `E-0001-2025-report`, M-39
            `E-0001-2025`, M-41 the finding id, ...): the case is then `CASE-<article>-<key>`, and the
            violation never gets
            a second case. An M-39 case defaults to the key `<entity>-<year>`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseDetail | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OpenCase,
    idempotency_key: str | Unset = UNSET,
) -> Response[CaseDetail | Problem]:
    """Open a case by hand (M-37, M-38 ¶1/¶2, M-39, M-41, M-42); M-38 ¶2, M-39, M-41, M-42 order at once

    Args:
        idempotency_key (str | Unset):
        body (OpenCase): §8: an officer opens a case (inspection, complaint, a report from another
            service). `violation_key` names
            the violation as the platform does when it opens the case itself (M-37
            `E-0001-2025-report`, M-39
            `E-0001-2025`, M-41 the finding id, ...): the case is then `CASE-<article>-<key>`, and the
            violation never gets
            a second case. An M-39 case defaults to the key `<entity>-<year>`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseDetail | Problem]
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
    body: OpenCase,
    idempotency_key: str | Unset = UNSET,
) -> CaseDetail | Problem | None:
    """Open a case by hand (M-37, M-38 ¶1/¶2, M-39, M-41, M-42); M-38 ¶2, M-39, M-41, M-42 order at once

    Args:
        idempotency_key (str | Unset):
        body (OpenCase): §8: an officer opens a case (inspection, complaint, a report from another
            service). `violation_key` names
            the violation as the platform does when it opens the case itself (M-37
            `E-0001-2025-report`, M-39
            `E-0001-2025`, M-41 the finding id, ...): the case is then `CASE-<article>-<key>`, and the
            violation never gets
            a second case. An M-39 case defaults to the key `<entity>-<year>`.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseDetail | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
