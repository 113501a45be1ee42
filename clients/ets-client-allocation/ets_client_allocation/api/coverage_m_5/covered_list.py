from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.covered_list_public import CoveredListPublic
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    compliance_year: int,
    *,
    version: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 1000,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/public/covered-lists/{compliance_year}".format(
            compliance_year=quote(str(compliance_year), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoveredListPublic | Problem | None:
    if response.status_code == 200:
        response_200 = CoveredListPublic.from_dict(response.json())

        return response_200

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
) -> Response[CoveredListPublic | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 1000,
) -> Response[CoveredListPublic | Problem]:
    """The published list of entities covered for a year — its latest version unless one is named (M-5 ¶2;
    no token)

    Args:
        compliance_year (int):
        version (int | None | Unset):
        offset (int | Unset): records to skip Default: 0.
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoveredListPublic | Problem]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        version=version,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 1000,
) -> CoveredListPublic | Problem | None:
    """The published list of entities covered for a year — its latest version unless one is named (M-5 ¶2;
    no token)

    Args:
        compliance_year (int):
        version (int | None | Unset):
        offset (int | Unset): records to skip Default: 0.
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoveredListPublic | Problem
    """

    return sync_detailed(
        compliance_year=compliance_year,
        client=client,
        version=version,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 1000,
) -> Response[CoveredListPublic | Problem]:
    """The published list of entities covered for a year — its latest version unless one is named (M-5 ¶2;
    no token)

    Args:
        compliance_year (int):
        version (int | None | Unset):
        offset (int | Unset): records to skip Default: 0.
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoveredListPublic | Problem]
    """

    kwargs = _get_kwargs(
        compliance_year=compliance_year,
        version=version,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    compliance_year: int,
    *,
    client: AuthenticatedClient | Client,
    version: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 1000,
) -> CoveredListPublic | Problem | None:
    """The published list of entities covered for a year — its latest version unless one is named (M-5 ¶2;
    no token)

    Args:
        compliance_year (int):
        version (int | None | Unset):
        offset (int | Unset): records to skip Default: 0.
        limit (int | Unset):  Default: 1000.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoveredListPublic | Problem
    """

    return (
        await asyncio_detailed(
            compliance_year=compliance_year,
            client=client,
            version=version,
            offset=offset,
            limit=limit,
        )
    ).parsed
