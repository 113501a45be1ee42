from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.serial_public import SerialPublic
from ...types import Response


def _get_kwargs(
    unit_type: str,
    vintage: int,
    serial: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/registry/serials/{unit_type}/{vintage}/{serial}".format(
            unit_type=quote(str(unit_type), safe=""),
            vintage=quote(str(vintage), safe=""),
            serial=quote(str(serial), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SerialPublic | None:
    if response.status_code == 200:
        response_200 = SerialPublic.from_dict(response.json())

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
) -> Response[Problem | SerialPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    unit_type: str,
    vintage: int,
    serial: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SerialPublic]:
    """A serial number's whole history: issued, moved, surrendered or cancelled, recalled (M-32)

    Args:
        unit_type (str):
        vintage (int):
        serial (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SerialPublic]
    """

    kwargs = _get_kwargs(
        unit_type=unit_type,
        vintage=vintage,
        serial=serial,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    unit_type: str,
    vintage: int,
    serial: int,
    *,
    client: AuthenticatedClient,
) -> Problem | SerialPublic | None:
    """A serial number's whole history: issued, moved, surrendered or cancelled, recalled (M-32)

    Args:
        unit_type (str):
        vintage (int):
        serial (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SerialPublic
    """

    return sync_detailed(
        unit_type=unit_type,
        vintage=vintage,
        serial=serial,
        client=client,
    ).parsed


async def asyncio_detailed(
    unit_type: str,
    vintage: int,
    serial: int,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SerialPublic]:
    """A serial number's whole history: issued, moved, surrendered or cancelled, recalled (M-32)

    Args:
        unit_type (str):
        vintage (int):
        serial (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SerialPublic]
    """

    kwargs = _get_kwargs(
        unit_type=unit_type,
        vintage=vintage,
        serial=serial,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    unit_type: str,
    vintage: int,
    serial: int,
    *,
    client: AuthenticatedClient,
) -> Problem | SerialPublic | None:
    """A serial number's whole history: issued, moved, surrendered or cancelled, recalled (M-32)

    Args:
        unit_type (str):
        vintage (int):
        serial (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SerialPublic
    """

    return (
        await asyncio_detailed(
            unit_type=unit_type,
            vintage=vintage,
            serial=serial,
            client=client,
        )
    ).parsed
