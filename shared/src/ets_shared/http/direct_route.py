"""A route whose common request is answered without FastAPI's general request machinery (issue 10).

FastAPI answers every request by the general path: it parses the content type with the `email` package, solves the
dependency tree (overrides, caches, scopes, sub-dependencies' own parameters) and validates every parameter through
its collected-errors machinery — about 40 % of allocation's CPU per surrender, most of it the same decisions again
for every request of the same route. `DirectRoute` decides once, when the route's handler is built, whether the
route has the plain shape — `async def` endpoint; `async` dependencies that take only the request and have none of
their own; path parameters that are plain `str`; at most one JSON body model, not embedded; the `Request`; nothing
else — and for a request of that shape it does what FastAPI's handler does, in the same order, with FastAPI's own
validators and serializer:

1. a body of content type exactly `application/json`, parsed by the request (`Request.json`, as FastAPI does) and
   validated by the route's body field;
2. the dependencies called in FastAPI's order (the application's and the router's first);
3. the endpoint called, its answer validated and serialized by the route's response field, the status the route's.

Anything else before the endpoint — another content type, a body that does not validate, a dependency that
raises, overrides installed, FastAPI's telemetry on — hands the same request to FastAPI's own handler, which decides
and words the answer; what ran before it (parsing, the caller's token) has no effect of its own. So each answer,
a refusal included, is FastAPI's (`shared/tests/test_direct_route.py` compares both). Routes of any other shape get
FastAPI's handler alone. A router opts in with `APIRouter(route_class=DirectRoute)`.
"""
from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import params
from fastapi.dependencies.models import (
    Dependant, _is_async_gen_callable, _is_coroutine_callable, _is_gen_callable,
)
from fastapi.exceptions import ResponseValidationError
from fastapi.routing import APIRoute, _effective_route_context_var, _extract_endpoint_context
from fastapi.telemetry import get_telemetry_data
from fastapi.utils import is_body_allowed_for_status_code
from starlette.requests import Request
from starlette.responses import Response

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


def _plain_dependency(sub: Dependant) -> bool:
    """An `async` dependency of the request alone: no parameters of its own, no sub-dependencies, no yield."""
    # FastAPI's own tests of the call (a generator function is neither of FastAPI's coroutine callables)
    plain = _is_coroutine_callable(sub.call) and not (_is_gen_callable(sub.call) or _is_async_gen_callable(sub.call))
    return (plain and not (sub.path_params or sub.query_params or sub.header_params or sub.cookie_params
                               or sub.body_params or sub.dependencies)
            and sub.concurrency is None and not sub.websocket_param_name and not sub.http_connection_param_name
            and not sub.response_param_name and not sub.background_tasks_param_name
            and not sub.security_scopes_param_name)


def _plain_shape(route: Any) -> bool:
    dependant: Dependant = route.dependant
    calls = [sub.call for sub in dependant.dependencies]
    body = dependant.body_params
    return (_is_coroutine_callable(dependant.call) and len(set(map(id, calls))) == len(calls)
            and all(_plain_dependency(sub) for sub in dependant.dependencies)
            and all(p.field_info.annotation is str and not p.field_info.metadata and p.alias == p.name
                    for p in dependant.path_params)
            and not (dependant.query_params or dependant.header_params or dependant.cookie_params)
            and not (dependant.websocket_param_name or dependant.http_connection_param_name
                     or dependant.response_param_name or dependant.background_tasks_param_name
                     or dependant.security_scopes_param_name)
            and len(body) <= 1 and not route._embed_body_fields
            and not any(isinstance(f.field_info, params.Form) for f in body)
            and route.response_field is not None and not route.is_json_stream and route.stream_item_field is None
            and not (route.response_model_include or route.response_model_exclude or route.response_model_exclude_unset
                     or route.response_model_exclude_defaults or route.response_model_exclude_none)
            and route.response_model_by_alias)


class DirectRoute(APIRoute):
    """An `APIRoute` that answers the plain shape's requests directly (see the module)."""

    def get_route_handler(self) -> Handler:
        fastapi_handler = super().get_route_handler()
        effective = _effective_route_context_var.get()  # set while an inclusion builds its handler
        route: Any = effective if effective is not None and effective.original_route is self else self
        if type(route.response_class).__name__ != "DefaultPlaceholder" or not _plain_shape(route):
            return fastapi_handler
        return _direct_handler(route, fastapi_handler)


def _direct_handler(route: Any, fastapi_handler: Handler) -> Handler:
    dependant: Dependant = route.dependant
    endpoint: Any = dependant.call
    dependencies: list[tuple[Any, str | None]] = [(sub.call, sub.name) for sub in dependant.dependencies]
    path_names = [p.name for p in dependant.path_params]
    body_field = dependant.body_params[0] if dependant.body_params else None
    response_field, status_code = route.response_field, route.status_code
    overrides = route.dependency_overrides_provider

    async def handler(request: Request) -> Response:
        if get_telemetry_data() is not None or (overrides is not None and overrides.dependency_overrides):
            return await fastapi_handler(request)
        values: dict[str, Any] = {}
        try:
            if body_field is not None:
                if request.headers.get("content-type") != "application/json" or not await request.body():
                    return await fastapi_handler(request)
                document = await request.json()
                value, errors = body_field.validate(document, values, loc=("body",)) if document is not None \
                    else (None, True)
                if errors:
                    return await fastapi_handler(request)
            for call, name in dependencies:
                solved = await call(request)
                if name is not None:
                    values[name] = solved
        except Exception:  # noqa: BLE001 - FastAPI's own handler decides and words the refusal
            return await fastapi_handler(request)
        path = request.path_params
        for name in path_names:
            values[name] = path[name]
        if body_field is not None:
            values[body_field.name] = value
        if dependant.request_param_name:
            values[dependant.request_param_name] = request
        answer = await endpoint(**values)
        if isinstance(answer, Response):
            return answer
        validated, errors = response_field.validate(answer, {}, loc=("response",))
        if errors:
            context = _extract_endpoint_context(endpoint)
            context["path"] = f"{request.method} {request.scope.get('root_path', '').rstrip('/')}{dependant.path}"
            raise ResponseValidationError(errors=errors, body=answer, endpoint_ctx=context)
        response = Response(content=response_field.serialize_json(validated, by_alias=True),
                            status_code=status_code or 200, media_type="application/json")
        if not is_body_allowed_for_status_code(response.status_code):
            response.body = b""
        return response

    return handler
