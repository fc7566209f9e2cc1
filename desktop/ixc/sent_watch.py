"""Being told when a piece of work's IXC requests are all on their way.

The desk holds a ringing call's popup back until the lookup's first request wave has left:
drawing the popup first would keep the requests waiting behind the paint on the one GUI thread.
:func:`notify_when_sent` registers a callback for the current task and the tasks it starts (a
context variable, so unrelated requests never count); :class:`~desktop.ixc.client.IxcClient`
reports each request it starts and the moment its body has been written to the socket (or it
must first open a connection: waiting for the handshake would gain nothing). The callback runs
each time every request started so far has left.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

# httpcore's trace events that mean "this request is on its way"
_ON_ITS_WAY = frozenset({"http11.send_request_body.complete", "connection.connect_tcp.started"})

Trace = Callable[[str, Mapping[str, Any]], Awaitable[None]]


@dataclass
class _Watch:
    callback: Callable[[], None]
    started: int = 0
    left: int = 0


_watch: ContextVar[_Watch | None] = ContextVar("ixc_sent_watch", default=None)


def notify_when_sent(callback: Callable[[], None]) -> None:
    """Call ``callback`` whenever every IXC request this task (and its children) started has
    left; it may run more than once."""
    _watch.set(_Watch(callback))


def trace_extension() -> dict[str, Trace] | None:
    """The httpx ``extensions`` of a request being started, or None when nobody watches."""
    watch = _watch.get()
    if watch is None:
        return None
    watch.started += 1
    gone = False

    async def trace(event: str, _info: Mapping[str, Any]) -> None:
        nonlocal gone
        if event in _ON_ITS_WAY and not gone:
            gone = True
            watch.left += 1
            if watch.left >= watch.started:
                watch.callback()

    return {"trace": trace}
