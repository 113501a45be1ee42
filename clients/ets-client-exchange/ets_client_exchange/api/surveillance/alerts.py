import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alert_public import AlertPublic
from ...models.alerts_pattern_type_0 import AlertsPatternType0
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    pattern: AlertsPatternType0 | None | Unset = UNSET,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_pattern: None | str | Unset
    if isinstance(pattern, Unset):
        json_pattern = UNSET
    elif isinstance(pattern, AlertsPatternType0):
        json_pattern = pattern.value
    else:
        json_pattern = pattern
    params["pattern"] = json_pattern

    json_start: None | str | Unset
    if isinstance(start, Unset):
        json_start = UNSET
    elif isinstance(start, datetime.date):
        json_start = start.isoformat()
    else:
        json_start = start
    params["start"] = json_start

    json_end: None | str | Unset
    if isinstance(end, Unset):
        json_end = UNSET
    elif isinstance(end, datetime.date):
        json_end = end.isoformat()
    else:
        json_end = end
    params["end"] = json_end

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/surveillance/alerts",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[AlertPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = AlertPublic.from_dict(response_200_item_data)

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
) -> Response[Problem | list[AlertPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    pattern: AlertsPatternType0 | None | Unset = UNSET,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[AlertPublic]]:
    """Surveillance alerts (operator, authority)

    Args:
        pattern (AlertsPatternType0 | None | Unset):
        start (datetime.date | None | Unset): first trading date (inclusive)
        end (datetime.date | None | Unset): last trading date (inclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AlertPublic]]
    """

    kwargs = _get_kwargs(
        pattern=pattern,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    pattern: AlertsPatternType0 | None | Unset = UNSET,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[AlertPublic] | None:
    """Surveillance alerts (operator, authority)

    Args:
        pattern (AlertsPatternType0 | None | Unset):
        start (datetime.date | None | Unset): first trading date (inclusive)
        end (datetime.date | None | Unset): last trading date (inclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AlertPublic]
    """

    return sync_detailed(
        client=client,
        pattern=pattern,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    pattern: AlertsPatternType0 | None | Unset = UNSET,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[AlertPublic]]:
    """Surveillance alerts (operator, authority)

    Args:
        pattern (AlertsPatternType0 | None | Unset):
        start (datetime.date | None | Unset): first trading date (inclusive)
        end (datetime.date | None | Unset): last trading date (inclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[AlertPublic]]
    """

    kwargs = _get_kwargs(
        pattern=pattern,
        start=start,
        end=end,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    pattern: AlertsPatternType0 | None | Unset = UNSET,
    start: datetime.date | None | Unset = UNSET,
    end: datetime.date | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[AlertPublic] | None:
    """Surveillance alerts (operator, authority)

    Args:
        pattern (AlertsPatternType0 | None | Unset):
        start (datetime.date | None | Unset): first trading date (inclusive)
        end (datetime.date | None | Unset): last trading date (inclusive)
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[AlertPublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            pattern=pattern,
            start=start,
            end=end,
            offset=offset,
            limit=limit,
        )
    ).parsed
