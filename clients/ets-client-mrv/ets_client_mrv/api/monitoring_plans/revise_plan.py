from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.monitoring_plan_public import MonitoringPlanPublic
from ...models.problem import Problem
from ...models.revise_monitoring_plan import ReviseMonitoringPlan
from ...types import UNSET, Response, Unset


def _get_kwargs(
    plan_id: str,
    *,
    body: ReviseMonitoringPlan,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/monitoring-plans/{plan_id}".format(
            plan_id=quote(str(plan_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MonitoringPlanPublic | Problem | None:
    if response.status_code == 200:
        response_200 = MonitoringPlanPublic.from_dict(response.json())

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
) -> Response[MonitoringPlanPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    plan_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviseMonitoringPlan,
    idempotency_key: str | Unset = UNSET,
) -> Response[MonitoringPlanPublic | Problem]:
    """A new version of the plan with the reason for the change; mark a major change (M-11 ¶2)

    Args:
        plan_id (str):
        idempotency_key (str | Unset):
        body (ReviseMonitoringPlan): M-11 ¶2: a new version of the plan, with the reason for the
            change; `major_change` marks a major one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MonitoringPlanPublic | Problem]
    """

    kwargs = _get_kwargs(
        plan_id=plan_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    plan_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviseMonitoringPlan,
    idempotency_key: str | Unset = UNSET,
) -> MonitoringPlanPublic | Problem | None:
    """A new version of the plan with the reason for the change; mark a major change (M-11 ¶2)

    Args:
        plan_id (str):
        idempotency_key (str | Unset):
        body (ReviseMonitoringPlan): M-11 ¶2: a new version of the plan, with the reason for the
            change; `major_change` marks a major one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MonitoringPlanPublic | Problem
    """

    return sync_detailed(
        plan_id=plan_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    plan_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviseMonitoringPlan,
    idempotency_key: str | Unset = UNSET,
) -> Response[MonitoringPlanPublic | Problem]:
    """A new version of the plan with the reason for the change; mark a major change (M-11 ¶2)

    Args:
        plan_id (str):
        idempotency_key (str | Unset):
        body (ReviseMonitoringPlan): M-11 ¶2: a new version of the plan, with the reason for the
            change; `major_change` marks a major one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MonitoringPlanPublic | Problem]
    """

    kwargs = _get_kwargs(
        plan_id=plan_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    plan_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviseMonitoringPlan,
    idempotency_key: str | Unset = UNSET,
) -> MonitoringPlanPublic | Problem | None:
    """A new version of the plan with the reason for the change; mark a major change (M-11 ¶2)

    Args:
        plan_id (str):
        idempotency_key (str | Unset):
        body (ReviseMonitoringPlan): M-11 ¶2: a new version of the plan, with the reason for the
            change; `major_change` marks a major one.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MonitoringPlanPublic | Problem
    """

    return (
        await asyncio_detailed(
            plan_id=plan_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
