"""mypy plugin: a SQLModel table's field read on the class is a column, not a value.

`select(AccountRow).where(AccountRow.holder == holder)` is SQL: at run time `AccountRow.holder` is SQLAlchemy's
`InstrumentedAttribute`, and `==`, `.in_()`, `.is_(None)`, `.desc()` build clauses. SQLModel declares the field as
`holder: str`, so without this plugin mypy reads the comparison as a `bool` and reports every query (hundreds of
false errors), which would leave no choice but to stop checking the persistence adapters. With it, a field of a
SQLModel class read on the class (not on an instance) is typed `InstrumentedAttribute[<field type>]`, and the
queries are checked against SQLAlchemy's own types.

A field is what pydantic's mypy plugin (run before this one in `[tool.mypy] plugins`) recorded as one; ClassVars
(`metadata`), dunders (`__tablename__`) and methods keep their declared types.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mypy.nodes import MypyFile, TypeInfo
from mypy.plugin import AttributeContext, Plugin
from mypy.types import Instance, Type

SQLMODEL = "sqlmodel.main.SQLModel"
COLUMN = "sqlalchemy.orm.attributes.InstrumentedAttribute"
PYDANTIC_FIELDS = "pydantic-mypy-metadata"


class SQLModelColumns(Plugin):
    def get_class_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        owner, _, name = fullname.rpartition(".")
        if name.startswith("_"):
            return None
        node = self.lookup_fully_qualified(owner)
        info = node.node if node is not None else None
        if not isinstance(info, TypeInfo) or not info.has_base(SQLMODEL) or not _is_field(info, name):
            return None
        column = self.lookup_fully_qualified(COLUMN)
        if column is None or not isinstance(column.node, TypeInfo):
            return None
        return partial(_column, column.node)

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        return [(10, "sqlalchemy.orm.attributes", -1)]  # the column type's module, loaded in every build


def _is_field(info: TypeInfo, name: str) -> bool:
    return any(name in base.metadata.get(PYDANTIC_FIELDS, {}).get("fields", {}) for base in info.mro)


def _column(column: TypeInfo, ctx: AttributeContext) -> Type:
    if ctx.is_lvalue:
        return ctx.default_attr_type
    return Instance(column, [ctx.default_attr_type])


def plugin(version: str) -> type[Plugin]:
    return SQLModelColumns
