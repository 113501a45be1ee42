from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.training_public import TrainingPublic
from ...types import UNSET, Response


def _get_kwargs(
    *,
    compliance_year: int,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["compliance_year"] = compliance_year

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/trainings",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[TrainingPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = TrainingPublic.from_dict(response_200_item_data)

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
) -> Response[Problem | list[TrainingPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Response[Problem | list[TrainingPublic]]:
    """The year's training sessions

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[TrainingPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Problem | list[TrainingPublic] | None:
    """The year's training sessions

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[TrainingPublic]
    """

    return sync_detailed(
        client=client,
        compliance_year=compliance_year,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Response[Problem | list[TrainingPublic]]:
    """The year's training sessions

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[TrainingPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    compliance_year: int,
) -> Problem | list[TrainingPublic] | None:
    """The year's training sessions

    Args:
        compliance_year (int): Compliance year whose reports are verified

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[TrainingPublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            compliance_year=compliance_year,
        )
    ).parsed
