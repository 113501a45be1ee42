from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.succession_public import SuccessionPublic
from ...types import Response


def _get_kwargs(
    succession_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/successions/{succession_id}".format(
            succession_id=quote(str(succession_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SuccessionPublic | None:
    if response.status_code == 200:
        response_200 = SuccessionPublic.from_dict(response.json())

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
) -> Response[Problem | SuccessionPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    succession_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SuccessionPublic]:
    """One succession (M-10)

    Args:
        succession_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuccessionPublic]
    """

    kwargs = _get_kwargs(
        succession_id=succession_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    succession_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SuccessionPublic | None:
    """One succession (M-10)

    Args:
        succession_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuccessionPublic
    """

    return sync_detailed(
        succession_id=succession_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    succession_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SuccessionPublic]:
    """One succession (M-10)

    Args:
        succession_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuccessionPublic]
    """

    kwargs = _get_kwargs(
        succession_id=succession_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    succession_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SuccessionPublic | None:
    """One succession (M-10)

    Args:
        succession_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuccessionPublic
    """

    return (
        await asyncio_detailed(
            succession_id=succession_id,
            client=client,
        )
    ).parsed
