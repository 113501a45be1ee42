from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.blacklist_entry_public import BlacklistEntryPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_compliance_year: int | None | Unset
    if isinstance(compliance_year, Unset):
        json_compliance_year = UNSET
    else:
        json_compliance_year = compliance_year
    params["compliance_year"] = json_compliance_year

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/blacklist",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[BlacklistEntryPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = BlacklistEntryPublic.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | list[BlacklistEntryPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[BlacklistEntryPublic]]:
    """Public verification blacklist (V): agencies barred after a failed evaluation

    Args:
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[BlacklistEntryPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[BlacklistEntryPublic] | None:
    """Public verification blacklist (V): agencies barred after a failed evaluation

    Args:
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[BlacklistEntryPublic]
    """

    return sync_detailed(
        client=client,
        compliance_year=compliance_year,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[BlacklistEntryPublic]]:
    """Public verification blacklist (V): agencies barred after a failed evaluation

    Args:
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[BlacklistEntryPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[BlacklistEntryPublic] | None:
    """Public verification blacklist (V): agencies barred after a failed evaluation

    Args:
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[BlacklistEntryPublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            compliance_year=compliance_year,
            offset=offset,
            limit=limit,
        )
    ).parsed
