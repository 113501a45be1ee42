from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.amend_report import AmendReport
from ...models.problem import Problem
from ...models.report_public import ReportPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    report_id: str,
    *,
    body: AmendReport,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/reports/{report_id}".format(
            report_id=quote(str(report_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportPublic | None:
    if response.status_code == 200:
        response_200 = ReportPublic.from_dict(response.json())

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
) -> Response[Problem | ReportPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    report_id: str,
    *,
    client: AuthenticatedClient,
    body: AmendReport,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ReportPublic]:
    """Amend the report before its verification is filed (M-12)

    Args:
        report_id (str):
        idempotency_key (str | Unset):
        body (AmendReport): M-12 ¶3: the entity corrects its report's activity data until the
            verification is filed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportPublic]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    report_id: str,
    *,
    client: AuthenticatedClient,
    body: AmendReport,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ReportPublic | None:
    """Amend the report before its verification is filed (M-12)

    Args:
        report_id (str):
        idempotency_key (str | Unset):
        body (AmendReport): M-12 ¶3: the entity corrects its report's activity data until the
            verification is filed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportPublic
    """

    return sync_detailed(
        report_id=report_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    report_id: str,
    *,
    client: AuthenticatedClient,
    body: AmendReport,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ReportPublic]:
    """Amend the report before its verification is filed (M-12)

    Args:
        report_id (str):
        idempotency_key (str | Unset):
        body (AmendReport): M-12 ¶3: the entity corrects its report's activity data until the
            verification is filed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportPublic]
    """

    kwargs = _get_kwargs(
        report_id=report_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    report_id: str,
    *,
    client: AuthenticatedClient,
    body: AmendReport,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ReportPublic | None:
    """Amend the report before its verification is filed (M-12)

    Args:
        report_id (str):
        idempotency_key (str | Unset):
        body (AmendReport): M-12 ¶3: the entity corrects its report's activity data until the
            verification is filed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportPublic
    """

    return (
        await asyncio_detailed(
            report_id=report_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
