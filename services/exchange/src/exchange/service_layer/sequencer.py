"""The sequencer: the one writer of an exchange process's order entry (M-23 open bidding).

Orders arrive from every entry point (HTTP `POST /orders`, the NATS member gateway) into one queue, a group commit
(`ets_shared.group_commit`): a single thread takes whatever is waiting, in arrival order, and enters it as one
transaction (`order_entry.place_orders`: checks and matching in memory, one commit). Each order's answer is released
only after that commit, so an acknowledged order is durable. Each order travels with its request's claim on an
`Idempotency-Key` (captured by `submit`: the writer thread carries no request's context), stamped in the batch's
transaction when the order is placed; an order whose claim a retry took over while it waited is refused alone (409
`ClaimTakenOver`) and the batch entered again without it, so a retry and its original never both place the order. A
batch that PostgreSQL aborts as a deadlock or serialization failure (a settlement locking the same balances) is entered
afresh — nothing of it committed and the books were forgotten; a batch that fails otherwise is entered again order by
order, so one bad order cannot take the others' answers."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future

from ets_shared.envelope import MessageContext
from ets_shared.group_commit import GroupCommit
from exchange.adapters.order_entry_store import OrderRecord, TradeRecord
from exchange.service_layer import commands
from exchange.service_layer.order_entry import Entry, place_orders
from exchange.service_layer.unit_of_work import ExchangeUnitOfWork

Placed = tuple[OrderRecord, list[TradeRecord]]


class Sequencer(GroupCommit[Entry, Placed]):
    def __init__(self, new_uow: Callable[[MessageContext], ExchangeUnitOfWork], max_batch: int = 500) -> None:
        super().__init__(lambda claimed: place_orders(new_uow(claimed[0][0][2]), [entry for entry, _ in claimed],
                                                      [claim for _, claim in claimed]),
                         name="exchange-sequencer", max_batch=max_batch)

    def enter(self, member_id: str, cmd: commands.PlaceOrder, context: MessageContext) -> Future[Placed]:
        """Queue an order; the future is its answer (the order and its trades, or the refusal raised)."""
        return self.submit((member_id, cmd, context))

    def enter_all(self, member_id: str, cmds: Sequence[commands.PlaceOrder], context: MessageContext,
                  done: Callable[[list[Placed | Exception]], None]) -> None:
        """Queue orders of one request in their order; `done` gets every order's answer (its order and trades, or
        its refusal) at once, after the last one's batch committed (`GroupCommit.submit_all`)."""
        self.submit_all([(member_id, cmd, context) for cmd in cmds], done)
