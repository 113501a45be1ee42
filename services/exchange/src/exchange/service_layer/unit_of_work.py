"""The exchange's unit of work: the shared transaction (outbox, audit, inbox) plus its repositories, the balances
ledger and the process's order books (held in memory, rebuilt from the database)."""
from __future__ import annotations

from ets_shared.unit_of_work import SqlUnitOfWork
from exchange.adapters.books import Books, books_for
from exchange.adapters.ledger import Ledger
from exchange.adapters.repository import ApplicationRepository, MemberRepository
from exchange.adapters.trading_store import TradingStore


class ExchangeUnitOfWork(SqlUnitOfWork):
    members: MemberRepository
    applications: ApplicationRepository
    trading: TradingStore
    ledger: Ledger
    books: Books
    books_touched: bool = False  # an event handler changed the books in this transaction (`service_layer.succession`)
    books_changed: bool = False  # this transaction changed the open orders through the books (their version counts it)
    _ledger_open = False  # `ledger` belongs to this transaction (a consumed batch's events share it)

    def _open(self) -> None:
        self.members = MemberRepository(self.session)
        self.applications = ApplicationRepository(self.session)
        self.trading = TradingStore(self.session)
        if not self._ledger_open or self.ledger.session is not self.session:
            self.ledger = Ledger(self.session)  # kept across the events of a consumed batch: it holds their changes
            self._ledger_open = True
            # the books are the engine's: found once per transaction (the lookup asks the session for its bind, which
            # cost more than the repositories above, at every event of a batch and every admission's case)
            self.books = books_for(self.session)

    def __enter__(self) -> ExchangeUnitOfWork:
        self._ledger_open = False  # a new transaction: its first `_open` makes a new ledger
        self.books_touched = False
        self.books_changed = False
        return super().__enter__()

    def __exit__(self, *exc: object) -> None:
        if self.books_touched:  # an event handler changed the books and its transaction did not commit
            self.books_touched = False
            with self.books.lock:
                self.books.invalidate()
        super().__exit__(*exc)

    def commit(self) -> None:
        self.run_deferred()  # before the ledger's pending changes: deferred work may add to them
        self.ledger.write_pending()
        if self.books_changed:  # counted in the order books' version, so another process's books rebuild
            self.books_changed = False
            with self.books.lock:
                self.books.changed_by(self.session)
        super().commit()
        if self.books_touched:  # the records beside the books are read afresh from what just committed
            self.books_touched = False
            with self.books.lock:
                self.books.records = None

    def rollback(self) -> None:
        self.ledger.forget_pending()
        super().rollback()
