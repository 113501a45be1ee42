from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.draw_inspection_sample import DrawInspectionSample
from ...models.draw_public import DrawPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: DrawInspectionSample,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/inspection-draws",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DrawPublic | Problem | None:
    if response.status_code == 201:
        response_201 = DrawPublic.from_dict(response.json())

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
) -> Response[DrawPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DrawInspectionSample,
    idempotency_key: str | Unset = UNSET,
) -> Response[DrawPublic | Problem]:
    """Draw the engagements of an agency to inspect: every targeted one (with its reason) plus a seeded
    random share of the others (V)

    Args:
        idempotency_key (str | Unset):
        body (DrawInspectionSample): V: random sampling combined with targeted selection
            (随机抽取与重点选取相结合) over the agency's engagements of
            the year, reproducible from its seed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DrawPublic | Problem]
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
    body: DrawInspectionSample,
    idempotency_key: str | Unset = UNSET,
) -> DrawPublic | Problem | None:
    """Draw the engagements of an agency to inspect: every targeted one (with its reason) plus a seeded
    random share of the others (V)

    Args:
        idempotency_key (str | Unset):
        body (DrawInspectionSample): V: random sampling combined with targeted selection
            (随机抽取与重点选取相结合) over the agency's engagements of
            the year, reproducible from its seed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DrawPublic | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DrawInspectionSample,
    idempotency_key: str | Unset = UNSET,
) -> Response[DrawPublic | Problem]:
    """Draw the engagements of an agency to inspect: every targeted one (with its reason) plus a seeded
    random share of the others (V)

    Args:
        idempotency_key (str | Unset):
        body (DrawInspectionSample): V: random sampling combined with targeted selection
            (随机抽取与重点选取相结合) over the agency's engagements of
            the year, reproducible from its seed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DrawPublic | Problem]
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
    body: DrawInspectionSample,
    idempotency_key: str | Unset = UNSET,
) -> DrawPublic | Problem | None:
    """Draw the engagements of an agency to inspect: every targeted one (with its reason) plus a seeded
    random share of the others (V)

    Args:
        idempotency_key (str | Unset):
        body (DrawInspectionSample): V: random sampling combined with targeted selection
            (随机抽取与重点选取相结合) over the agency's engagements of
            the year, reproducible from its seed.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DrawPublic | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
