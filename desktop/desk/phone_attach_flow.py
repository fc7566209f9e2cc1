"""An unknown caller's number added to the customer the agent found by hand, after confirmation.

The popup of a call whose number IXC did not know offers "Adicionar este número ao cadastro…"
once the agent chose a customer in its search box. The customer's row is read to say where the
number would go (:func:`~desktop.ixc.phone_attach.plan_attach`: the first empty phone column,
never overwriting); the agent confirms with :func:`~desktop.ixc.phone_attach.confirmation_text`;
then :func:`~desktop.ixc.phone_attach.attach_phone` reads the row again and writes it back whole.
The next call from that number is found by IXC's live search and pops the card.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import QMessageBox

from desktop.i18n import tr
from desktop.ixc.phone_attach import AttachOutcome, attach_phone, confirmation_text, plan_attach
from desktop.phone.numbers import normalize_br_number
from desktop.ui.ring_popup import RingPopup

log = logging.getLogger(__name__)
_CONTEXT = "phone_attach"


class PhoneAttachFlow:
    def __init__(self, ixc: Callable[[], Any], popups: Mapping[str, RingPopup],
                 spawn: Callable[[Any], object], notice: Callable[[str], None]) -> None:
        self.ixc = ixc                     # the desk's IxcService (its ``client``), or None
        self.popups = popups
        self.spawn = spawn
        self.notice = notice
        self.confirmations: dict[str, QMessageBox] = {}   # call id → the open question

    def wire_popup(self, popup: RingPopup) -> None:
        popup.attach_phone_requested.connect(self.request)

    def request(self, call_id: str, customer_id: int) -> None:
        popup = self.popups.get(call_id)
        client = getattr(self.ixc(), "client", None)
        if popup is None or client is None:
            return
        number = popup.call.number
        self.spawn(self._plan(call_id, client, customer_id, number))

    async def _plan(self, call_id: str, client: Any, customer_id: int, number: str) -> None:
        try:
            # the row holds secret columns: it is only looked at here, never logged or shown
            row = await client.read_for_update("cliente", str(customer_id))
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.notice(tr(_CONTEXT, "Não foi possível ler o cadastro no IXC: {reason}").format(
                reason=getattr(exc, "message", "") or exc))
            return
        if row is None:
            self.notice(tr(_CONTEXT, "O cliente não foi encontrado no IXC."))
            return
        plan = plan_attach(row, normalize_br_number(number))
        popup = self.popups.get(call_id)
        if plan.outcome is not AttachOutcome.ATTACHED or popup is None:
            if plan.outcome is not AttachOutcome.ATTACHED:
                result = await attach_phone(client, str(customer_id), number)   # says why not
                self.notice(result.message)
            return
        name = str(row.get("razao", "") or "")
        box = QMessageBox(QMessageBox.Icon.Question, tr(_CONTEXT, "Adicionar telefone"),
                          confirmation_text(name, plan.text, plan.column),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, popup)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        self.confirmations[call_id] = box
        box.finished.connect(lambda code: self._answered(call_id, client, customer_id, number,
                                                         code))
        box.open()

    def _answered(self, call_id: str, client: Any, customer_id: int, number: str,
                  code: int) -> None:
        box = self.confirmations.pop(call_id, None)
        if box is not None:
            box.deleteLater()
        if code != QMessageBox.StandardButton.Yes:
            return
        self.spawn(self._attach(call_id, client, customer_id, number))

    async def _attach(self, call_id: str, client: Any, customer_id: int, number: str) -> None:
        try:
            result = await attach_phone(client, str(customer_id), number)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self.notice(tr(_CONTEXT, "O telefone não foi adicionado: {reason}").format(
                reason=getattr(exc, "message", "") or exc))
            return
        self.notice(result.message)
        popup = self.popups.get(call_id)
        if popup is not None and result.outcome is AttachOutcome.ATTACHED:
            popup.attach_phone_button.hide()
