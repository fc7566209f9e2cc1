"""Manual customer search: the ring popup's search box and the "Clientes" tab.

The agent types a name, CPF/CNPJ or phone; :class:`~desktop.app.services.Lookup` (IxcService)
searches, and choosing a result loads the whole record, the card filling in section by
section. ``where`` is a call id (that call's popup) or ``"window"`` (the tab). A new search or
choice replaces the previous one for the same place; for a call, the chosen customer becomes the
call's customer (history, attendance log) through ``on_call_customer``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from desktop.ixc.models import CustomerMatch, CustomerRecord
from desktop.system.background import BackgroundTasks
from desktop.ui.main_window import MainWindow
from desktop.ui.ring_popup import RingPopup
from desktop.ui.view_models import CustomerLine

log = logging.getLogger(__name__)


def error_message(exc: BaseException) -> str:
    """What to show the agent for a failed IXC request (IxcError carries a pt-BR message)."""
    return getattr(exc, "message", "") or str(exc) or type(exc).__name__


def match_summary(match: CustomerMatch) -> CustomerLine:
    return CustomerLine(match.id, match.name, match.cpf_cnpj, match.address,
                           active=match.active)


class CustomerSearch:
    def __init__(self, ixc: Callable[[], Any], window: MainWindow, popups: Mapping[str, RingPopup],
                 on_call_customer: Callable[[str, int, str], None],
                 is_quitting: Callable[[], bool]) -> None:
        self.ixc = ixc           # the desk's current desktop.app.services.Lookup, or None (no IXC)
        self.window = window
        self.popups = popups               # the desk's open popups, by call id
        self.on_call_customer = on_call_customer
        self.is_quitting = is_quitting
        # "search:<call id>", "record:<call id>", "search:window", "record:window"
        self.tasks: dict[str, asyncio.Task[None]] = {}
        self._running = BackgroundTasks(log, "customer search")

    def cancel(self, where: str) -> None:
        """Stop ``where``'s search and record loading (its popup closed)."""
        for key in (f"search:{where}", f"record:{where}"):
            task = self.tasks.pop(key, None)
            if task is not None:
                task.cancel()

    def _search_box(self, where: str) -> Any:
        """The search box of a call's popup (``where`` = call id) or of the "Clientes" tab."""
        if where == "window":
            return self.window.search
        popup = self.popups.get(where)
        return popup.search if popup is not None else None

    def _replace_task(self, key: str, coro: Any) -> None:
        old = self.tasks.pop(key, None)
        if old is not None:
            old.cancel()
        task: asyncio.Task[None] = self._running.spawn(coro)
        self.tasks[key] = task

        def forget(done: asyncio.Task[None]) -> None:
            if self.tasks.get(key) is done:
                del self.tasks[key]

        task.add_done_callback(forget)

    def search(self, where: str, text: str) -> None:
        """Search IXC by name, CPF/CNPJ or phone; the results go to ``where``'s search box."""
        ixc = self.ixc()
        if ixc is None or self.is_quitting():
            return

        async def run() -> None:
            try:
                matches = await ixc.search(text)
            except asyncio.CancelledError:
                raise
            except Exception as exc:   # IxcError (IxcSearchTextError: what to type instead)
                log.info("search failed: %s", error_message(exc))
                box = self._search_box(where)
                if box is not None:
                    box.set_error(error_message(exc))
                return
            box = self._search_box(where)
            if box is not None:
                box.set_results([match_summary(m) for m in matches])

        self._replace_task(f"search:{where}", run())

    def choose(self, where: str, customer_id: int) -> None:
        """The agent chose a search result: load the whole record, the card filling in as the
        sections arrive. For a call it becomes the call's customer (history, attendance log)."""
        ixc = self.ixc()
        if ixc is None or self.is_quitting():
            return

        def show(record: CustomerRecord) -> None:
            if where == "window":
                self.window.card.set_record(record)
                return
            popup = self.popups.get(where)
            if popup is not None:
                popup.show_record(record)

        async def run() -> None:
            try:
                record = await ixc.record_for(customer_id, on_update=show)
            except asyncio.CancelledError:
                raise
            except Exception as exc:   # IxcCustomerNotFoundError, IXC unreachable...
                log.info("record_for %s failed: %s", customer_id, error_message(exc))
                box = self._search_box(where)
                if box is not None:
                    box.set_status(error_message(exc))
                popup = self.popups.get(where)
                if popup is not None:
                    popup.show_record_error(error_message(exc))
                return
            show(record)
            if where != "window":
                self.on_call_customer(where, record.customer.id, record.customer.name)

        self._replace_task(f"record:{where}", run())
