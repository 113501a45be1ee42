from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.apply_measures import ApplyMeasures
from ...models.case_detail import CaseDetail
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    case_id: str,
    *,
    body: ApplyMeasures,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/cases/{case_id}/measures".format(
            case_id=quote(str(case_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaseDetail | Problem | None:
    if response.status_code == 200:
        response_200 = CaseDetail.from_dict(response.json())

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
) -> Response[CaseDetail | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: ApplyMeasures,
    idempotency_key: str | Unset = UNSET,
) -> Response[CaseDetail | Problem]:
    """Apply M-40 measures to an M-37, M-38 or M-39 case (credit record with the departments' notice and
    publication, special funds, awards, project energy assessment)

    Args:
        case_id (str):
        idempotency_key (str | Unset):
        body (ApplyMeasures): M-40 measures for an M-37, M-38 or M-39 case (violations of M-12,
            M-13 ¶2, M-16). The credit record always
            comes with the departments' notice and its publication (M-40(1)).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseDetail | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: ApplyMeasures,
    idempotency_key: str | Unset = UNSET,
) -> CaseDetail | Problem | None:
    """Apply M-40 measures to an M-37, M-38 or M-39 case (credit record with the departments' notice and
    publication, special funds, awards, project energy assessment)

    Args:
        case_id (str):
        idempotency_key (str | Unset):
        body (ApplyMeasures): M-40 measures for an M-37, M-38 or M-39 case (violations of M-12,
            M-13 ¶2, M-16). The credit record always
            comes with the departments' notice and its publication (M-40(1)).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseDetail | Problem
    """

    return sync_detailed(
        case_id=case_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: ApplyMeasures,
    idempotency_key: str | Unset = UNSET,
) -> Response[CaseDetail | Problem]:
    """Apply M-40 measures to an M-37, M-38 or M-39 case (credit record with the departments' notice and
    publication, special funds, awards, project energy assessment)

    Args:
        case_id (str):
        idempotency_key (str | Unset):
        body (ApplyMeasures): M-40 measures for an M-37, M-38 or M-39 case (violations of M-12,
            M-13 ¶2, M-16). The credit record always
            comes with the departments' notice and its publication (M-40(1)).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseDetail | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: str,
    *,
    client: AuthenticatedClient,
    body: ApplyMeasures,
    idempotency_key: str | Unset = UNSET,
) -> CaseDetail | Problem | None:
    """Apply M-40 measures to an M-37, M-38 or M-39 case (credit record with the departments' notice and
    publication, special funds, awards, project energy assessment)

    Args:
        case_id (str):
        idempotency_key (str | Unset):
        body (ApplyMeasures): M-40 measures for an M-37, M-38 or M-39 case (violations of M-12,
            M-13 ¶2, M-16). The credit record always
            comes with the departments' notice and its publication (M-40(1)).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseDetail | Problem
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
