from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.request_transfer import RequestTransfer
from ...models.transaction_public import TransactionPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: RequestTransfer,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/registry/transfers",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TransactionPublic | None:
    if response.status_code == 201:
        response_201 = TransactionPublic.from_dict(response.json())

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
) -> Response[Problem | TransactionPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: RequestTransfer,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | TransactionPublic]:
    """A holder commits allowances (SHEA) from its holding account to its own exchange trading account
    (exchange_deposit, M-26 ¶2); effective on registration (M-32). Never out of a trading account (only
    the exchange's instructions debit one) and never to another holder (M-23)

     Submitted to the registry's group commit (`registry_transfers.transfer_group_commit`): concurrent
    callers'
    transfers are registered together in one transaction; answered once it has committed.

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfer): A holder moves units from its holding account: into its own
            exchange trading account (an
            `exchange_deposit`, M-26 ¶2), or to another holding account of its own. Allowances change
            holders only by
            trading on the exchange (M-23), and only the exchange's instructions debit a trading
            account (M-26 ¶2).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransactionPublic]
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
    body: RequestTransfer,
    idempotency_key: str | Unset = UNSET,
) -> Problem | TransactionPublic | None:
    """A holder commits allowances (SHEA) from its holding account to its own exchange trading account
    (exchange_deposit, M-26 ¶2); effective on registration (M-32). Never out of a trading account (only
    the exchange's instructions debit one) and never to another holder (M-23)

     Submitted to the registry's group commit (`registry_transfers.transfer_group_commit`): concurrent
    callers'
    transfers are registered together in one transaction; answered once it has committed.

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfer): A holder moves units from its holding account: into its own
            exchange trading account (an
            `exchange_deposit`, M-26 ¶2), or to another holding account of its own. Allowances change
            holders only by
            trading on the exchange (M-23), and only the exchange's instructions debit a trading
            account (M-26 ¶2).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransactionPublic
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: RequestTransfer,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | TransactionPublic]:
    """A holder commits allowances (SHEA) from its holding account to its own exchange trading account
    (exchange_deposit, M-26 ¶2); effective on registration (M-32). Never out of a trading account (only
    the exchange's instructions debit one) and never to another holder (M-23)

     Submitted to the registry's group commit (`registry_transfers.transfer_group_commit`): concurrent
    callers'
    transfers are registered together in one transaction; answered once it has committed.

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfer): A holder moves units from its holding account: into its own
            exchange trading account (an
            `exchange_deposit`, M-26 ¶2), or to another holding account of its own. Allowances change
            holders only by
            trading on the exchange (M-23), and only the exchange's instructions debit a trading
            account (M-26 ¶2).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TransactionPublic]
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
    body: RequestTransfer,
    idempotency_key: str | Unset = UNSET,
) -> Problem | TransactionPublic | None:
    """A holder commits allowances (SHEA) from its holding account to its own exchange trading account
    (exchange_deposit, M-26 ¶2); effective on registration (M-32). Never out of a trading account (only
    the exchange's instructions debit one) and never to another holder (M-23)

     Submitted to the registry's group commit (`registry_transfers.transfer_group_commit`): concurrent
    callers'
    transfers are registered together in one transaction; answered once it has committed.

    Args:
        idempotency_key (str | Unset):
        body (RequestTransfer): A holder moves units from its holding account: into its own
            exchange trading account (an
            `exchange_deposit`, M-26 ¶2), or to another holding account of its own. Allowances change
            holders only by
            trading on the exchange (M-23), and only the exchange's instructions debit a trading
            account (M-26 ¶2).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TransactionPublic
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
