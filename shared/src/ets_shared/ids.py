"""Random (version 4) UUIDs for the hot paths — a request's correlation id, an event's id, a surrender's id — drawn
from a per-thread buffer of `os.urandom` bytes: one system call per 256 ids instead of one per id.

`uuid.uuid4()` calls `os.urandom(16)`, which releases the interpreter lock around its `getrandom` call; in a service
whose event loop and group-commit thread are both busy, every such release handed the lock to the other thread and
the caller then waited to get it back (16 % of allocation's event-loop time in the surrender stage was spent there).
The bytes are the same kernel randomness, so the ids are as unpredictable as `uuid4`'s; a forked process starts a
buffer of its own.
"""
from __future__ import annotations

import os
import threading
import uuid

_BATCH = 16 * 256
_local = threading.local()
# a forked child must not draw the bytes its parent drew (the forking thread is the child's only one)
os.register_at_fork(after_in_child=lambda: _local.__dict__.clear())


def random_uuid() -> uuid.UUID:
    buffer: bytes = getattr(_local, "buffer", b"")
    offset: int = getattr(_local, "offset", _BATCH)
    if offset + 16 > len(buffer):
        buffer, offset = os.urandom(_BATCH), 0
        _local.buffer = buffer
    _local.offset = offset + 16
    return uuid.UUID(bytes=buffer[offset:offset + 16], version=4)
