"""M-32: what the registry's store hashes of a line it records is the chain's own content of that line
(`ledger_chain.line_content`), so `Ledger.verify` recomputes from the stored rows the hash the store wrote — for an
allowance's line and a CCER lot's (its origin in the content), with or without a boundary entity."""
from __future__ import annotations

from datetime import date

import pytest

from allocation.adapters.registry_store import _line_row
from allocation.domain import CcerOrigin, TransactionLine, UnitType
from allocation.domain.ledger_chain import ChainedLine, line_content

LINES = [
    TransactionLine("A-T", "B-T", UnitType.SHEA, 2025, 7),
    TransactionLine("E-1", "X-CANCEL", UnitType.CCER, 2024, 3, CcerOrigin("P-9", date(2024, 3, 1), "E-2")),
    TransactionLine("E-1", "X-CANCEL", UnitType.CCER, 2024, 3, CcerOrigin("P-9", date(2024, 3, 1))),
]


@pytest.mark.parametrize("line", LINES, ids=["allowance", "ccer-in-a-boundary", "ccer-outside-every-boundary"])
def test_m32_the_hashed_content_of_a_recorded_line_is_the_chains_content_of_its_stored_row(line):
    row, content = _line_row("TRD-1", 0, line)
    stored = ChainedLine(row["from_account_id"], row["to_account_id"], row["unit_type"], row["vintage"],
                         row["quantity"], row["project_id"], row["reduction_date"], row["boundary_entity_id"])
    assert content == line_content(stored)
    assert (row["transaction_id"], row["line_no"], row["unit_type"]) == ("TRD-1", 0, line.unit_type.value)
