import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.queue_awaiting_type_0_item import QueueAwaitingType0Item
from ...models.queue_format import QueueFormat
from ...models.queue_item_public import QueueItemPublic
from ...models.queue_trigger_type_0 import QueueTriggerType0
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    compliance_year: int | None | Unset = UNSET,
    awaiting: list[QueueAwaitingType0Item] | None | Unset = UNSET,
    trigger: None | QueueTriggerType0 | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue: bool | Unset = False,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    format_: QueueFormat | Unset = QueueFormat.JSON,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_compliance_year: int | None | Unset
    if isinstance(compliance_year, Unset):
        json_compliance_year = UNSET
    else:
        json_compliance_year = compliance_year
    params["compliance_year"] = json_compliance_year

    json_awaiting: list[str] | None | Unset
    if isinstance(awaiting, Unset):
        json_awaiting = UNSET
    elif isinstance(awaiting, list):
        json_awaiting = []
        for awaiting_type_0_item_data in awaiting:
            awaiting_type_0_item = awaiting_type_0_item_data.value
            json_awaiting.append(awaiting_type_0_item)

    else:
        json_awaiting = awaiting
    params["awaiting"] = json_awaiting

    json_trigger: None | str | Unset
    if isinstance(trigger, Unset):
        json_trigger = UNSET
    elif isinstance(trigger, QueueTriggerType0):
        json_trigger = trigger.value
    else:
        json_trigger = trigger
    params["trigger"] = json_trigger

    json_due_before: None | str | Unset
    if isinstance(due_before, Unset):
        json_due_before = UNSET
    elif isinstance(due_before, datetime.date):
        json_due_before = due_before.isoformat()
    else:
        json_due_before = due_before
    params["due_before"] = json_due_before

    params["overdue"] = overdue

    params["offset"] = offset

    params["limit"] = limit

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/determination-queue",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[QueueItemPublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = QueueItemPublic.from_dict(response_200_item_data)

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
) -> Response[Problem | list[QueueItemPublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    compliance_year: int | None | Unset = UNSET,
    awaiting: list[QueueAwaitingType0Item] | None | Unset = UNSET,
    trigger: None | QueueTriggerType0 | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue: bool | Unset = False,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    format_: QueueFormat | Unset = QueueFormat.JSON,
) -> Response[Problem | list[QueueItemPublic]]:
    """Cases awaiting the authority's determination (M-15): verified figures, re-checks, and covered
    entities found without a report or verification; earliest deadline first

    Args:
        compliance_year (int | None | Unset):
        awaiting (list[QueueAwaitingType0Item] | None | Unset): which kinds (repeatable)
        trigger (None | QueueTriggerType0 | Unset):
        due_before (datetime.date | None | Unset): deadline on or before this date
        overdue (bool | Unset): only those past their deadline (M-43) Default: False.
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        format_ (QueueFormat | Unset):  Default: QueueFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[QueueItemPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        awaiting=awaiting,
        trigger=trigger,
        due_before=due_before,
        overdue=overdue,
        offset=offset,
        limit=limit,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    compliance_year: int | None | Unset = UNSET,
    awaiting: list[QueueAwaitingType0Item] | None | Unset = UNSET,
    trigger: None | QueueTriggerType0 | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue: bool | Unset = False,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    format_: QueueFormat | Unset = QueueFormat.JSON,
) -> Problem | list[QueueItemPublic] | None:
    """Cases awaiting the authority's determination (M-15): verified figures, re-checks, and covered
    entities found without a report or verification; earliest deadline first

    Args:
        compliance_year (int | None | Unset):
        awaiting (list[QueueAwaitingType0Item] | None | Unset): which kinds (repeatable)
        trigger (None | QueueTriggerType0 | Unset):
        due_before (datetime.date | None | Unset): deadline on or before this date
        overdue (bool | Unset): only those past their deadline (M-43) Default: False.
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        format_ (QueueFormat | Unset):  Default: QueueFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[QueueItemPublic]
    """

    return sync_detailed(
        client=client,
        compliance_year=compliance_year,
        awaiting=awaiting,
        trigger=trigger,
        due_before=due_before,
        overdue=overdue,
        offset=offset,
        limit=limit,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    compliance_year: int | None | Unset = UNSET,
    awaiting: list[QueueAwaitingType0Item] | None | Unset = UNSET,
    trigger: None | QueueTriggerType0 | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue: bool | Unset = False,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    format_: QueueFormat | Unset = QueueFormat.JSON,
) -> Response[Problem | list[QueueItemPublic]]:
    """Cases awaiting the authority's determination (M-15): verified figures, re-checks, and covered
    entities found without a report or verification; earliest deadline first

    Args:
        compliance_year (int | None | Unset):
        awaiting (list[QueueAwaitingType0Item] | None | Unset): which kinds (repeatable)
        trigger (None | QueueTriggerType0 | Unset):
        due_before (datetime.date | None | Unset): deadline on or before this date
        overdue (bool | Unset): only those past their deadline (M-43) Default: False.
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        format_ (QueueFormat | Unset):  Default: QueueFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[QueueItemPublic]]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        awaiting=awaiting,
        trigger=trigger,
        due_before=due_before,
        overdue=overdue,
        offset=offset,
        limit=limit,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    compliance_year: int | None | Unset = UNSET,
    awaiting: list[QueueAwaitingType0Item] | None | Unset = UNSET,
    trigger: None | QueueTriggerType0 | Unset = UNSET,
    due_before: datetime.date | None | Unset = UNSET,
    overdue: bool | Unset = False,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
    format_: QueueFormat | Unset = QueueFormat.JSON,
) -> Problem | list[QueueItemPublic] | None:
    """Cases awaiting the authority's determination (M-15): verified figures, re-checks, and covered
    entities found without a report or verification; earliest deadline first

    Args:
        compliance_year (int | None | Unset):
        awaiting (list[QueueAwaitingType0Item] | None | Unset): which kinds (repeatable)
        trigger (None | QueueTriggerType0 | Unset):
        due_before (datetime.date | None | Unset): deadline on or before this date
        overdue (bool | Unset): only those past their deadline (M-43) Default: False.
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.
        format_ (QueueFormat | Unset):  Default: QueueFormat.JSON.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[QueueItemPublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            compliance_year=compliance_year,
            awaiting=awaiting,
            trigger=trigger,
            due_before=due_before,
            overdue=overdue,
            offset=offset,
            limit=limit,
            format_=format_,
        )
    ).parsed
