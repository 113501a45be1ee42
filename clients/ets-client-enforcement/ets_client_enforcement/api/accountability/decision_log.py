from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.log_entry_public import LogEntryPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after_seq: int | Unset = 0,
    limit: int | Unset = 100,
    case_id: None | str | Unset = UNSET,
    subject_ref: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["after_seq"] = after_seq

    params["limit"] = limit

    json_case_id: None | str | Unset
    if isinstance(case_id, Unset):
        json_case_id = UNSET
    else:
        json_case_id = case_id
    params["case_id"] = json_case_id

    json_subject_ref: None | str | Unset
    if isinstance(subject_ref, Unset):
        json_subject_ref = UNSET
    else:
        json_subject_ref = subject_ref
    params["subject_ref"] = json_subject_ref

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/decision-log",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[LogEntryPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = LogEntryPublic.from_dict(response_200_item_data)

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
) -> Response[Problem | list[LogEntryPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    limit: int | Unset = 100,
    case_id: None | str | Unset = UNSET,
    subject_ref: None | str | Unset = UNSET,
) -> Response[Problem | list[LogEntryPublic]]:
    """The decision log in sequence: who decided what, when and why (M-43)

    Args:
        after_seq (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        case_id (None | str | Unset):
        subject_ref (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[LogEntryPublic]]
    """

    kwargs = _get_kwargs(
        after_seq=after_seq,
        limit=limit,
        case_id=case_id,
        subject_ref=subject_ref,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    limit: int | Unset = 100,
    case_id: None | str | Unset = UNSET,
    subject_ref: None | str | Unset = UNSET,
) -> Problem | list[LogEntryPublic] | None:
    """The decision log in sequence: who decided what, when and why (M-43)

    Args:
        after_seq (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        case_id (None | str | Unset):
        subject_ref (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[LogEntryPublic]
    """

    return sync_detailed(
        client=client,
        after_seq=after_seq,
        limit=limit,
        case_id=case_id,
        subject_ref=subject_ref,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    limit: int | Unset = 100,
    case_id: None | str | Unset = UNSET,
    subject_ref: None | str | Unset = UNSET,
) -> Response[Problem | list[LogEntryPublic]]:
    """The decision log in sequence: who decided what, when and why (M-43)

    Args:
        after_seq (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        case_id (None | str | Unset):
        subject_ref (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[LogEntryPublic]]
    """

    kwargs = _get_kwargs(
        after_seq=after_seq,
        limit=limit,
        case_id=case_id,
        subject_ref=subject_ref,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after_seq: int | Unset = 0,
    limit: int | Unset = 100,
    case_id: None | str | Unset = UNSET,
    subject_ref: None | str | Unset = UNSET,
) -> Problem | list[LogEntryPublic] | None:
    """The decision log in sequence: who decided what, when and why (M-43)

    Args:
        after_seq (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        case_id (None | str | Unset):
        subject_ref (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[LogEntryPublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            after_seq=after_seq,
            limit=limit,
            case_id=case_id,
            subject_ref=subject_ref,
        )
    ).parsed
