from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.evaluation_public import EvaluationPublic
from ...models.problem import Problem
from ...models.record_deduction import RecordDeduction
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agency_id: str,
    compliance_year: int,
    *,
    body: RecordDeduction,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/evaluations/{agency_id}/{compliance_year}/deductions".format(
            agency_id=quote(str(agency_id), safe=""),
            compliance_year=quote(str(compliance_year), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> EvaluationPublic | Problem | None:
    if response.status_code == 201:
        response_201 = EvaluationPublic.from_dict(response.json())

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
) -> Response[EvaluationPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    body: RecordDeduction,
    idempotency_key: str | Unset = UNSET,
) -> Response[EvaluationPublic | Problem]:
    """Record an officer's finding (a FINDING item of the year's table) with its evidence (V)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (RecordDeduction): V: an officer's finding of the year's scoring table (kind FINDING)
            deducted from the agency's 100 points.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvaluationPublic | Problem]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
        compliance_year=compliance_year,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    body: RecordDeduction,
    idempotency_key: str | Unset = UNSET,
) -> EvaluationPublic | Problem | None:
    """Record an officer's finding (a FINDING item of the year's table) with its evidence (V)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (RecordDeduction): V: an officer's finding of the year's scoring table (kind FINDING)
            deducted from the agency's 100 points.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvaluationPublic | Problem
    """

    return sync_detailed(
        agency_id=agency_id,
        compliance_year=compliance_year,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    body: RecordDeduction,
    idempotency_key: str | Unset = UNSET,
) -> Response[EvaluationPublic | Problem]:
    """Record an officer's finding (a FINDING item of the year's table) with its evidence (V)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (RecordDeduction): V: an officer's finding of the year's scoring table (kind FINDING)
            deducted from the agency's 100 points.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EvaluationPublic | Problem]
    """

    kwargs = _get_kwargs(
        agency_id=agency_id,
        compliance_year=compliance_year,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agency_id: str,
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    body: RecordDeduction,
    idempotency_key: str | Unset = UNSET,
) -> EvaluationPublic | Problem | None:
    """Record an officer's finding (a FINDING item of the year's table) with its evidence (V)

    Args:
        agency_id (str):
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (RecordDeduction): V: an officer's finding of the year's scoring table (kind FINDING)
            deducted from the agency's 100 points.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EvaluationPublic | Problem
    """

    return (
        await asyncio_detailed(
            agency_id=agency_id,
            compliance_year=compliance_year,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
