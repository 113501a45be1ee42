from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.lift_measure import LiftMeasure
from ...models.measure_public import MeasurePublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    measure_id: str,
    *,
    body: LiftMeasure,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/market-measures/{measure_id}/lifting".format(
            measure_id=quote(str(measure_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MeasurePublic | Problem | None:
    if response.status_code == 200:
        response_200 = MeasurePublic.from_dict(response.json())

        return response_200

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
) -> Response[MeasurePublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    measure_id: str,
    *,
    client: AuthenticatedClient,
    body: LiftMeasure,
    idempotency_key: str | Unset = UNSET,
) -> Response[MeasurePublic | Problem]:
    """Lift a measure: the abnormal situation is over (M-29)

    Args:
        measure_id (str):
        idempotency_key (str | Unset):
        body (LiftMeasure):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeasurePublic | Problem]
    """

    kwargs = _get_kwargs(
        measure_id=measure_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    measure_id: str,
    *,
    client: AuthenticatedClient,
    body: LiftMeasure,
    idempotency_key: str | Unset = UNSET,
) -> MeasurePublic | Problem | None:
    """Lift a measure: the abnormal situation is over (M-29)

    Args:
        measure_id (str):
        idempotency_key (str | Unset):
        body (LiftMeasure):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeasurePublic | Problem
    """

    return sync_detailed(
        measure_id=measure_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    measure_id: str,
    *,
    client: AuthenticatedClient,
    body: LiftMeasure,
    idempotency_key: str | Unset = UNSET,
) -> Response[MeasurePublic | Problem]:
    """Lift a measure: the abnormal situation is over (M-29)

    Args:
        measure_id (str):
        idempotency_key (str | Unset):
        body (LiftMeasure):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MeasurePublic | Problem]
    """

    kwargs = _get_kwargs(
        measure_id=measure_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    measure_id: str,
    *,
    client: AuthenticatedClient,
    body: LiftMeasure,
    idempotency_key: str | Unset = UNSET,
) -> MeasurePublic | Problem | None:
    """Lift a measure: the abnormal situation is over (M-29)

    Args:
        measure_id (str):
        idempotency_key (str | Unset):
        body (LiftMeasure):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MeasurePublic | Problem
    """

    return (
        await asyncio_detailed(
            measure_id=measure_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
