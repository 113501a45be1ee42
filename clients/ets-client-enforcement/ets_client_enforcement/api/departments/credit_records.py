import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.credit_records import CreditRecords
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    entity_id: str,
    *,
    on: datetime.date | None | Unset = UNSET,
    all_: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on

    params["all"] = all_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/entities/{entity_id}/credit-records".format(
            entity_id=quote(str(entity_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CreditRecords | Problem | None:
    if response.status_code == 200:
        response_200 = CreditRecords.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CreditRecords | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    all_: bool | Unset = False,
) -> Response[CreditRecords | Problem]:
    """The entity's credit records (M-40(1)): in force on the day, or all with `all=true`

    Args:
        entity_id (str):
        on (datetime.date | None | Unset): Shanghai date; default: today (the regulatory clock)
        all_ (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditRecords | Problem]
    """

    kwargs = _get_kwargs(
        entity_id=entity_id,
        on=on,
        all_=all_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    all_: bool | Unset = False,
) -> CreditRecords | Problem | None:
    """The entity's credit records (M-40(1)): in force on the day, or all with `all=true`

    Args:
        entity_id (str):
        on (datetime.date | None | Unset): Shanghai date; default: today (the regulatory clock)
        all_ (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditRecords | Problem
    """

    return sync_detailed(
        entity_id=entity_id,
        client=client,
        on=on,
        all_=all_,
    ).parsed


async def asyncio_detailed(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    all_: bool | Unset = False,
) -> Response[CreditRecords | Problem]:
    """The entity's credit records (M-40(1)): in force on the day, or all with `all=true`

    Args:
        entity_id (str):
        on (datetime.date | None | Unset): Shanghai date; default: today (the regulatory clock)
        all_ (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreditRecords | Problem]
    """

    kwargs = _get_kwargs(
        entity_id=entity_id,
        on=on,
        all_=all_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    entity_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    all_: bool | Unset = False,
) -> CreditRecords | Problem | None:
    """The entity's credit records (M-40(1)): in force on the day, or all with `all=true`

    Args:
        entity_id (str):
        on (datetime.date | None | Unset): Shanghai date; default: today (the regulatory clock)
        all_ (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreditRecords | Problem
    """

    return (
        await asyncio_detailed(
            entity_id=entity_id,
            client=client,
            on=on,
            all_=all_,
        )
    ).parsed
