from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.decide_succession import DecideSuccession
from ...models.problem import Problem
from ...models.succession_public import SuccessionPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    succession_id: str,
    *,
    body: DecideSuccession,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/successions/{succession_id}/decision".format(
            succession_id=quote(str(succession_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SuccessionPublic | None:
    if response.status_code == 200:
        response_200 = SuccessionPublic.from_dict(response.json())

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
    body: DecideSuccession,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SuccessionPublic]:
    """Approve (holdings and unmet obligations pass to the successors) or reject a succession (M-10)

    Args:
        succession_id (str):
        idempotency_key (str | Unset):
        body (DecideSuccession):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuccessionPublic]
    """

    kwargs = _get_kwargs(
        succession_id=succession_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    succession_id: str,
    *,
    client: AuthenticatedClient,
    body: DecideSuccession,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SuccessionPublic | None:
    """Approve (holdings and unmet obligations pass to the successors) or reject a succession (M-10)

    Args:
        succession_id (str):
        idempotency_key (str | Unset):
        body (DecideSuccession):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SuccessionPublic
    """

    return sync_detailed(
        succession_id=succession_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    succession_id: str,
    *,
    client: AuthenticatedClient,
    body: DecideSuccession,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | SuccessionPublic]:
    """Approve (holdings and unmet obligations pass to the successors) or reject a succession (M-10)

    Args:
        succession_id (str):
        idempotency_key (str | Unset):
        body (DecideSuccession):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SuccessionPublic]
    """

    kwargs = _get_kwargs(
        succession_id=succession_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    succession_id: str,
    *,
    client: AuthenticatedClient,
    body: DecideSuccession,
    idempotency_key: str | Unset = UNSET,
) -> Problem | SuccessionPublic | None:
    """Approve (holdings and unmet obligations pass to the successors) or reject a succession (M-10)

    Args:
        succession_id (str):
        idempotency_key (str | Unset):
        body (DecideSuccession):

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
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
