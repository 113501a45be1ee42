from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.ledger_audit_public import LedgerAuditPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    from_seq: int | Unset = 1,
    to_seq: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["from_seq"] = from_seq

    json_to_seq: int | None | Unset
    if isinstance(to_seq, Unset):
        json_to_seq = UNSET
    else:
        json_to_seq = to_seq
    params["to_seq"] = json_to_seq

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/registry/ledger/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> LedgerAuditPublic | Problem | None:
    if response.status_code == 200:
        response_200 = LedgerAuditPublic.from_dict(response.json())

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
) -> Response[LedgerAuditPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    from_seq: int | Unset = 1,
    to_seq: int | None | Unset = UNSET,
) -> Response[LedgerAuditPublic | Problem]:
    """Verify the registry's hash chain, whole or from_seq..to_seq, and report the first break (M-32)

    Args:
        from_seq (int | Unset):  Default: 1.
        to_seq (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LedgerAuditPublic | Problem]
    """

    kwargs = _get_kwargs(
        from_seq=from_seq,
        to_seq=to_seq,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    from_seq: int | Unset = 1,
    to_seq: int | None | Unset = UNSET,
) -> LedgerAuditPublic | Problem | None:
    """Verify the registry's hash chain, whole or from_seq..to_seq, and report the first break (M-32)

    Args:
        from_seq (int | Unset):  Default: 1.
        to_seq (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LedgerAuditPublic | Problem
    """

    return sync_detailed(
        client=client,
        from_seq=from_seq,
        to_seq=to_seq,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    from_seq: int | Unset = 1,
    to_seq: int | None | Unset = UNSET,
) -> Response[LedgerAuditPublic | Problem]:
    """Verify the registry's hash chain, whole or from_seq..to_seq, and report the first break (M-32)

    Args:
        from_seq (int | Unset):  Default: 1.
        to_seq (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LedgerAuditPublic | Problem]
    """

    kwargs = _get_kwargs(
        from_seq=from_seq,
        to_seq=to_seq,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    from_seq: int | Unset = 1,
    to_seq: int | None | Unset = UNSET,
) -> LedgerAuditPublic | Problem | None:
    """Verify the registry's hash chain, whole or from_seq..to_seq, and report the first break (M-32)

    Args:
        from_seq (int | Unset):  Default: 1.
        to_seq (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LedgerAuditPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            from_seq=from_seq,
            to_seq=to_seq,
        )
    ).parsed
