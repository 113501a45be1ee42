"""The in-memory order books of one exchange process, rebuilt from the database (the source of truth).

Recovery design: every accepted order, fill, amendment and cancellation is committed to the database (with its
events, through the outbox) before it is acknowledged; the books in memory are only an index of the open orders.
They are built on first use after a start from `exchange_order` rows with status OPEN, in `sequence` (time
priority) order, and thrown away whenever a transaction that changed them fails, so the next command rebuilds them
from what was committed. One lock serialises every command that touches the books (single writer, as an exchange's
matching engine is), so the books always equal the committed open orders.
"""
from __future__ import annotations

import threading
import weakref
from datetime import date

from sqlalchemy.orm import Session

from exchange.adapters import book_version
from exchange.adapters.orm import OrderRow
from exchange.adapters.trading_store import TradingStore, listed_products
from exchange.domain.order_book import OrderBook
from exchange.domain.orders import BUY, GTC, SELL


class Books:
    def __init__(self, listed: dict | None = None) -> None:
        self.listed = {} if listed is None else listed  # the products remembered (`TradingStore.product`)
        self.lock = threading.RLock()
        self._books: dict[str, OrderBook] | None = None
        self.day: date | None = None  # the trading day whose stale orders were last expired
        self.closes: dict[tuple[str, date], int] = {}  # previous close per (product, day): fixed once the day began
        self.dirty = False  # the current command changed the books (undo = rebuild, if it fails)
        self.changed: set[str] = set()  # products whose book the current command changed (the depth feed)
        self.sequence = 0  # the last time priority given
        self.prints = 0  # the last trade's place on the tape (M-25)
        # the records of the open orders (`order_entry_store.OrderRecord`) beside the books, for batched order entry:
        # loaded with one query when a batch needs them, kept current by the batches, forgotten when any other
        # command (cancel, amend, expiry) commits or the books are forgotten — with their open bids (`OpenOrders`)
        self.records: OpenOrders | None = None
        self.version: int | None = None  # the order books' version these books are at (`book_version`)
        self._current_in: object = None  # the transaction that found them current

    def ensure(self, session: Session, *, lock: bool = True) -> dict[str, OrderBook]:
        """The books, current in this transaction (call before adding any): rebuilt from the committed open orders if
        they were forgotten, or if another process changed the open orders since they were built (the order books'
        version, read once per transaction; `lock`: held to its end on PostgreSQL — False for a reader)."""
        if self._books is not None and self._current_in is not None and session.get_transaction() is self._current_in:
            return self._books
        version = book_version.read(session, lock=lock)
        if self._books is None or version != self.version:
            if self._books is not None:  # another process changed them: what is kept beside them goes too
                self.day = None
                self.records = None
            store = TradingStore(session)
            self._books = rebuild(store.open_orders())
            self.sequence = store.last_sequence()
            self.prints = store.last_print()
        self.version = version
        self._current_in = session.get_transaction()
        return self._books

    def changed_by(self, session: Session) -> None:
        """This transaction changed the open orders through the books: counted in the order books' version (by the
        commit of the unit of work), which these books are then at."""
        self.version = book_version.bump(session)

    def next_sequence(self, session: Session) -> int:
        """The next time priority (held here: the books' lock serialises every order that takes one)."""
        self.ensure(session)
        self.sequence += 1
        return self.sequence

    def next_print(self, session: Session) -> int:
        """The next trade's place on the tape: trades of one command share its instant, the tape keeps their order."""
        with self.lock:
            self.ensure(session)
            self.prints += 1
            return self.prints

    def book(self, session: Session, product_id: str) -> OrderBook:
        books = self.ensure(session)
        book = books.get(product_id)
        if book is None:
            book = books[product_id] = OrderBook()
        return book

    def invalidate(self) -> None:
        """Forget the books (a transaction that changed them rolled back): the next command rebuilds them."""
        self._books = None
        self._current_in = None
        self.day = None
        self.records = None
        self.listed.clear()  # the products are read afresh too (a test's database emptied)

    def snapshot(self, session: Session) -> dict[str, list[tuple[str, str, int, int]]]:
        """Per product, every resting order in priority order: (order_id, side, price, open quantity)."""
        with self.lock:
            return resting(self.ensure(session, lock=False))


class OpenOrders(dict):
    """The open orders' records by order id, and beside them `bids`: per trading account, the open quantity of its
    open BUY orders (what M-28(2) counts as still to be received from the book). Made from the records when they are
    loaded, kept current by the batch that changes a bid's remaining (`bid`), and forgotten with them (whoever sets
    `Books.records` to None forgets both), so a batch never sums the open bids in the database."""

    __slots__ = ("bids",)

    def __init__(self, records: dict) -> None:
        super().__init__(records)
        bids: dict[str, int] = {}
        for record in records.values():
            if record.side == "BUY":
                bids[record.trading_account_id] = bids.get(record.trading_account_id, 0) + record.remaining
        self.bids = bids

    def bid(self, account_id: str, quantity: int) -> None:
        """An open bid of `account_id` rested `quantity` more (negative: filled, cancelled, released)."""
        self.bids[account_id] = self.bids.get(account_id, 0) + quantity


def resting(books: dict[str, OrderBook]) -> dict[str, list[tuple[str, str, int, int]]]:
    return {product: [(o.order_id, o.side, o.price_ticks, o.remaining) for o in book.resting_orders()]
            for product, book in sorted(books.items()) if len(book)}


def rebuild(open_orders: list[OrderRow]) -> dict[str, OrderBook]:
    """Books holding exactly these open orders, in their time priority (the orders never cross: each rested)."""
    books: dict[str, OrderBook] = {}
    for order in sorted(open_orders, key=lambda o: o.sequence):
        result = books.setdefault(order.product_id, OrderBook()).submit(
            order.order_id, order.trading_account_id, order.owner_id, BUY if order.side == "BUY" else SELL,
            order.price_cents, order.remaining, GTC)
        if result.fills or result.cancels or result.resting != order.remaining:
            raise RuntimeError(f"recorded open order {order.order_id} crosses the book: records are inconsistent")
    return books


_BY_ENGINE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_REGISTRY_LOCK = threading.Lock()


def books_for(session: Session) -> Books:
    """The books of the database this session talks to (one per engine, i.e. per running service)."""
    engine = session.get_bind()
    with _REGISTRY_LOCK:
        books = _BY_ENGINE.get(engine)
        if books is None:
            books = _BY_ENGINE[engine] = Books(listed_products(engine))
        return books
