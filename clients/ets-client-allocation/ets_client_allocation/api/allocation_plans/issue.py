from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plan_public import PlanPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    compliance_year: int,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/plans/{compliance_year}/issuance".format(
            compliance_year=quote(str(compliance_year), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PlanPublic | Problem | None:
    if response.status_code == 200:
        response_200 = PlanPublic.from_dict(response.json())

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
) -> Response[PlanPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[PlanPublic | Problem]:
    """Issue the approved plan's allowances into the holding accounts (M-9, M-32)

    Args:
        compliance_year (int): a compliance year (2013-2100)
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanPublic | Problem]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> PlanPublic | Problem | None:
    """Issue the approved plan's allowances into the holding accounts (M-9, M-32)

    Args:
        compliance_year (int): a compliance year (2013-2100)
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanPublic | Problem
    """

    return sync_detailed(
        compliance_year=compliance_year,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[PlanPublic | Problem]:
    """Issue the approved plan's allowances into the holding accounts (M-9, M-32)

    Args:
        compliance_year (int): a compliance year (2013-2100)
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PlanPublic | Problem]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> PlanPublic | Problem | None:
    """Issue the approved plan's allowances into the holding accounts (M-9, M-32)

    Args:
        compliance_year (int): a compliance year (2013-2100)
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PlanPublic | Problem
    """

    return (
        await asyncio_detailed(
            compliance_year=compliance_year,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
