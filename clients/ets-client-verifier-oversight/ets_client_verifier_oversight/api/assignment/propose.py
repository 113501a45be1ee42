from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.proposal_public import ProposalPublic
from ...models.propose_assignments import ProposeAssignments
from ...types import UNSET, Response, Unset


def _get_kwargs(
    compliance_year: int,
    *,
    body: ProposeAssignments,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/assignments/{compliance_year}/proposals".format(
            compliance_year=quote(str(compliance_year), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ProposalPublic | None:
    if response.status_code == 201:
        response_201 = ProposalPublic.from_dict(response.json())

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
) -> Response[Problem | ProposalPublic]:
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
    body: ProposeAssignments,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ProposalPublic]:
    """Propose an agency for every entity without a valid assignment: competent, conflict-free, least
    loaded (M-13)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (ProposeAssignments):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProposalPublic]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        body=body,
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
    body: ProposeAssignments,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ProposalPublic | None:
    """Propose an agency for every entity without a valid assignment: competent, conflict-free, least
    loaded (M-13)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (ProposeAssignments):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProposalPublic
    """

    return sync_detailed(
        compliance_year=compliance_year,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    body: ProposeAssignments,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | ProposalPublic]:
    """Propose an agency for every entity without a valid assignment: competent, conflict-free, least
    loaded (M-13)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (ProposeAssignments):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProposalPublic]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    compliance_year: int,
    *,
    client: AuthenticatedClient,
    body: ProposeAssignments,
    idempotency_key: str | Unset = UNSET,
) -> Problem | ProposalPublic | None:
    """Propose an agency for every entity without a valid assignment: competent, conflict-free, least
    loaded (M-13)

    Args:
        compliance_year (int): Compliance year whose reports are verified
        idempotency_key (str | Unset):
        body (ProposeAssignments):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProposalPublic
    """

    return (
        await asyncio_detailed(
            compliance_year=compliance_year,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
