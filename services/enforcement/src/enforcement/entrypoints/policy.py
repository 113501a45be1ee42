"""GET/PUT /policy/{compliance_year}: the enforcement [param]s of a year (order period, M-39 fine-decision window,
M-43 inaction alert), defaults until the authority sets them.

Same routes, storage (`PolicySetting`) and audit action as `ets_shared.http.platform_routes.policy_router`; a PUT
also re-dates the year's open cases (`handlers.set_policy`). The shared router cannot be used as it stands: under its `from __future__ import annotations`, the PUT body annotation
`Annotated[model, Body()]` is a string FastAPI cannot resolve, so the body is taken for a required query parameter
`document` and every PUT is refused (422).
"""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ets_shared.auth import Principal, Role
from ets_shared.http.dependencies import ReadSession, Uow, require
from ets_shared.http.platform_routes import load_policy
from enforcement.service_layer import handlers
from enforcement.service_layer.commands import EnforcementPolicyModel, default_policy

router = APIRouter(tags=["policy"])


@router.get("/policy/{compliance_year}", response_model=EnforcementPolicyModel,
            summary="Enforcement policy parameters for a year (order period, M-39 fine window, M-43 alert)")
def get_policy(compliance_year: int, session: ReadSession) -> EnforcementPolicyModel:
    return load_policy(session, compliance_year, EnforcementPolicyModel, default_policy)


@router.put("/policy/{compliance_year}", response_model=EnforcementPolicyModel,
            summary="Set the enforcement policy parameters for a year (authority)")
def put_policy(compliance_year: int, document: EnforcementPolicyModel,
               _: Annotated[Principal, Depends(require(Role.AUTHORITY))], uow: Uow,
               reason: Annotated[str, Query(min_length=3, description="why it changes")]) -> EnforcementPolicyModel:
    handlers.set_policy(compliance_year, document, reason, uow)
    return document
