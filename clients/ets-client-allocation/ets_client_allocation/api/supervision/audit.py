from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_record_public import AuditRecordPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    subject_ref: None | str | Unset = UNSET,
    correlation_id: None | str | Unset = UNSET,
    after_id: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_subject_ref: None | str | Unset
    if isinstance(subject_ref, Unset):
        json_subject_ref = UNSET
    else:
        json_subject_ref = subject_ref
    params["subject_ref"] = json_subject_ref

    json_correlation_id: None | str | Unset
    if isinstance(correlation_id, Unset):
        json_correlation_id = UNSET
    else:
        json_correlation_id = correlation_id
    params["correlation_id"] = json_correlation_id

    params["after_id"] = after_id

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[AuditRecordPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AuditRecordPublic.from_dict(response_200_item_data)

            response_200.append(response_200_item)

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
) -> Response[Problem | list[AuditRecordPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    subject_ref: None | str | Unset = UNSET,
    correlation_id: None | str | Unset = UNSET,
    after_id: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[AuditRecordPublic]]:
    """Audit trail (M-31, M-43)

    Args:
        subject_ref (None | str | Unset):
        correlation_id (None | str | Unset):
        after_id (int | Unset):  Default: 0.
        limit (int | Unset): records to return (at most 1000) Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AuditRecordPublic]]
    """

    kwargs = _get_kwargs(
        subject_ref=subject_ref,
        correlation_id=correlation_id,
        after_id=after_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    subject_ref: None | str | Unset = UNSET,
    correlation_id: None | str | Unset = UNSET,
    after_id: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[AuditRecordPublic] | None:
    """Audit trail (M-31, M-43)

    Args:
        subject_ref (None | str | Unset):
        correlation_id (None | str | Unset):
        after_id (int | Unset):  Default: 0.
        limit (int | Unset): records to return (at most 1000) Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AuditRecordPublic]
    """

    return sync_detailed(
        client=client,
        subject_ref=subject_ref,
        correlation_id=correlation_id,
        after_id=after_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    subject_ref: None | str | Unset = UNSET,
    correlation_id: None | str | Unset = UNSET,
    after_id: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[AuditRecordPublic]]:
    """Audit trail (M-31, M-43)

    Args:
        subject_ref (None | str | Unset):
        correlation_id (None | str | Unset):
        after_id (int | Unset):  Default: 0.
        limit (int | Unset): records to return (at most 1000) Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AuditRecordPublic]]
    """

    kwargs = _get_kwargs(
        subject_ref=subject_ref,
        correlation_id=correlation_id,
        after_id=after_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    subject_ref: None | str | Unset = UNSET,
    correlation_id: None | str | Unset = UNSET,
    after_id: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[AuditRecordPublic] | None:
    """Audit trail (M-31, M-43)

    Args:
        subject_ref (None | str | Unset):
        correlation_id (None | str | Unset):
        after_id (int | Unset):  Default: 0.
        limit (int | Unset): records to return (at most 1000) Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AuditRecordPublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            subject_ref=subject_ref,
            correlation_id=correlation_id,
            after_id=after_id,
            limit=limit,
        )
    ).parsed
