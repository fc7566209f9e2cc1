"""Work started and not awaited: one helper for every "run this on the loop in the background".

The event loop keeps only weak references to tasks, so a task nobody holds can vanish mid-way;
and a task nobody awaits fails silently (asyncio's "exception was never retrieved" comes, if at
all, when the task is garbage collected, far from the cause). :class:`BackgroundTasks` holds
each task until it ends and logs its failure, on the owner's logger, at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Iterator
from typing import Any, TypeVar

__all__ = ["BackgroundTasks", "failure_text"]

T = TypeVar("T")


def failure_text(exc: BaseException) -> str:
    """Our errors carry a pt-BR ``message`` for the agent; anything else, its repr."""
    return getattr(exc, "message", "") or repr(exc)


class BackgroundTasks:
    """The background tasks of one owner (the desk, the IXC service, the agent...).

    ``what`` names the owner's work in the log ("IXC background work"); a task may say more
    precisely what it does (``spawn(work, what="IXC warm-up")``).
    """

    def __init__(self, logger: logging.Logger, what: str = "background work") -> None:
        self._log = logger
        self._what = what
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Awaitable[T], what: str = "") -> asyncio.Task[T]:
        task: asyncio.Task[T] = asyncio.ensure_future(work)
        self._tasks.add(task)   # held until done: the loop keeps only a weak reference

        def done(finished: asyncio.Task[T]) -> None:
            self._tasks.discard(finished)
            if finished.cancelled():
                return
            exc = finished.exception()
            if exc is not None:
                self._log.warning("%s failed: %s", what or self._what, failure_text(exc),
                                  exc_info=None if hasattr(exc, "message") else exc)

        task.add_done_callback(done)
        return task

    def __len__(self) -> int:
        return len(self._tasks)

    def __iter__(self) -> Iterator[asyncio.Task[Any]]:
        return iter(list(self._tasks))

    def cancel(self) -> None:
        """Cancel every task still running (at shut-down)."""
        for task in list(self._tasks):
            task.cancel()

    async def wait(self) -> None:
        """Until every task started so far, and any they start meanwhile, has ended."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def aclose(self) -> None:
        """Cancel the tasks and wait for them to end."""
        self.cancel()
        with contextlib.suppress(BaseException):
            await asyncio.gather(*list(self._tasks), return_exceptions=True)
