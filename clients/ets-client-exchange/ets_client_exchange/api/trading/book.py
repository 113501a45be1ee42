from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.book_public import BookPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    product_id: str,
    *,
    levels: int | Unset = 5,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["levels"] = levels

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/products/{product_id}/book".format(
            product_id=quote(str(product_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> BookPublic | Problem | None:
    if response.status_code == 200:
        response_200 = BookPublic.from_dict(response.json())

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
) -> Response[BookPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    product_id: str,
    *,
    client: AuthenticatedClient,
    levels: int | Unset = 5,
) -> Response[BookPublic | Problem]:
    """Best levels of the order book

    Args:
        product_id (str):
        levels (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookPublic | Problem]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
        levels=levels,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    product_id: str,
    *,
    client: AuthenticatedClient,
    levels: int | Unset = 5,
) -> BookPublic | Problem | None:
    """Best levels of the order book

    Args:
        product_id (str):
        levels (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookPublic | Problem
    """

    return sync_detailed(
        product_id=product_id,
        client=client,
        levels=levels,
    ).parsed


async def asyncio_detailed(
    product_id: str,
    *,
    client: AuthenticatedClient,
    levels: int | Unset = 5,
) -> Response[BookPublic | Problem]:
    """Best levels of the order book

    Args:
        product_id (str):
        levels (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BookPublic | Problem]
    """

    kwargs = _get_kwargs(
        product_id=product_id,
        levels=levels,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    product_id: str,
    *,
    client: AuthenticatedClient,
    levels: int | Unset = 5,
) -> BookPublic | Problem | None:
    """Best levels of the order book

    Args:
        product_id (str):
        levels (int | Unset):  Default: 5.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BookPublic | Problem
    """

    return (
        await asyncio_detailed(
            product_id=product_id,
            client=client,
            levels=levels,
        )
    ).parsed
