from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_public import CasePublic
from ...models.list_cases_article_type_0 import ListCasesArticleType0
from ...models.list_cases_status_type_0 import ListCasesStatusType0
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    party_id: None | str | Unset = UNSET,
    article: ListCasesArticleType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_party_id: None | str | Unset
    if isinstance(party_id, Unset):
        json_party_id = UNSET
    else:
        json_party_id = party_id
    params["party_id"] = json_party_id

    json_article: None | str | Unset
    if isinstance(article, Unset):
        json_article = UNSET
    elif isinstance(article, ListCasesArticleType0):
        json_article = article.value
    else:
        json_article = article
    params["article"] = json_article

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListCasesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_compliance_year: int | None | Unset
    if isinstance(compliance_year, Unset):
        json_compliance_year = UNSET
    else:
        json_compliance_year = compliance_year
    params["compliance_year"] = json_compliance_year

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/cases",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | list[CasePublic] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = CasePublic.from_dict(response_200_item_data)

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
) -> Response[Problem | list[CasePublic]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    party_id: None | str | Unset = UNSET,
    article: ListCasesArticleType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[CasePublic]]:
    """Penalty cases (M-37 to M-42; officer, authority: all; a party: its own)

    Args:
        party_id (None | str | Unset):
        article (ListCasesArticleType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CasePublic]]
    """

    kwargs = _get_kwargs(
        party_id=party_id,
        article=article,
        status=status,
        compliance_year=compliance_year,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    party_id: None | str | Unset = UNSET,
    article: ListCasesArticleType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[CasePublic] | None:
    """Penalty cases (M-37 to M-42; officer, authority: all; a party: its own)

    Args:
        party_id (None | str | Unset):
        article (ListCasesArticleType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CasePublic]
    """

    return sync_detailed(
        client=client,
        party_id=party_id,
        article=article,
        status=status,
        compliance_year=compliance_year,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    party_id: None | str | Unset = UNSET,
    article: ListCasesArticleType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[Problem | list[CasePublic]]:
    """Penalty cases (M-37 to M-42; officer, authority: all; a party: its own)

    Args:
        party_id (None | str | Unset):
        article (ListCasesArticleType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | list[CasePublic]]
    """

    kwargs = _get_kwargs(
        party_id=party_id,
        article=article,
        status=status,
        compliance_year=compliance_year,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    party_id: None | str | Unset = UNSET,
    article: ListCasesArticleType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    compliance_year: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Problem | list[CasePublic] | None:
    """Penalty cases (M-37 to M-42; officer, authority: all; a party: its own)

    Args:
        party_id (None | str | Unset):
        article (ListCasesArticleType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        compliance_year (int | None | Unset):
        offset (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | list[CasePublic]
    """

    return (
        await asyncio_detailed(
            client=client,
            party_id=party_id,
            article=article,
            status=status,
            compliance_year=compliance_year,
            offset=offset,
            limit=limit,
        )
    ).parsed
