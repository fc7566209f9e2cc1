"""An unknown caller registered as a new contact from the popup (issue 16).

``[attendance] unknown_caller = "lead_opa"``: the popup of a number IXC did not know offers
"Cadastrar como novo contato" (:mod:`desktop.ui.new_contact_bar`); the name typed goes to
:func:`~desktop.forward.lead_contact.register_lead`, which creates an OPA contact marked lead
unless OPA already has the number. The settings are read when a popup opens and when the agent
presses the button, so a change in "Configurações" applies to the next call; the OPA client is
built on first use and rebuilt when the OPA address or token changes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any

from desktop.forward.lead_contact import LeadOutcome, clean_contact_name, lead_number, register_lead
from desktop.forward.opa import OpaClient
from desktop.i18n import tr
from desktop.settings.model import OpaSettings, Settings
from desktop.ui.ring_popup import RingPopup
from desktop.ui.view_models import CallerKind

log = logging.getLogger(__name__)
_CONTEXT = "lead_flow"


class LeadContactFlow:
    def __init__(self, settings: Callable[[], Settings], popups: Mapping[str, RingPopup],
                 spawn: Callable[[Any], object], notice: Callable[[str], None]) -> None:
        self.settings = settings
        self.popups = popups
        self.spawn = spawn
        self.notice = notice
        self._client: OpaClient | None = None
        self._client_key: tuple[str, str, bool | str] | None = None
        self._old_clients: list[OpaClient] = []
        self.results: dict[str, LeadOutcome] = {}    # call id → the last result (tests, demo)

    def offered(self) -> bool:
        settings = self.settings()
        return settings.attendance.unknown_caller == "lead_opa" and bool(settings.opa.url)

    def wire_popup(self, popup: RingPopup) -> None:
        call = popup.call
        if not self.offered() or call.kind is not CallerKind.EXTERNAL or not lead_number(
                call.number):
            return
        bar = popup.new_contact
        bar.offered = True
        # the caller ID's name is a hint the agent confirms with the caller; cleaned first
        bar.set_name(clean_contact_name(call.display_name))
        call_id = call.call_id
        bar.register_requested.connect(lambda name: self.request(call_id, name))

    def request(self, call_id: str, name: str) -> None:
        popup = self.popups.get(call_id)
        if popup is None:
            return
        if not self.offered():
            popup.new_contact.show_result(tr(_CONTEXT, "O cadastro de novos contatos foi "
                                                       "desligado nas configurações."), False)
            return
        popup.new_contact.show_pending()
        self.spawn(self._register(call_id, self._opa(self.settings().opa), name,
                                  popup.call.number))

    async def _register(self, call_id: str, client: OpaClient, name: str, number: str) -> None:
        try:
            result = await register_lead(client, name, number)
            message, outcome = result.message, result.outcome
        except asyncio.CancelledError:
            raise
        except Exception as exc:   # a bug must not leave the bar saying "Cadastrando…"
            log.exception("registering a lead failed")
            message = tr(_CONTEXT, "O contato não foi cadastrado no OPA: {reason}").format(
                reason=type(exc).__name__)
            outcome = LeadOutcome.FAILED
        self.results[call_id] = outcome
        popup = self.popups.get(call_id)
        if popup is not None:
            popup.new_contact.show_result(message, outcome in (LeadOutcome.CREATED,
                                                               LeadOutcome.ALREADY_THERE))
        self.notice(message)

    def _opa(self, opa: OpaSettings) -> OpaClient:
        key = (opa.url, opa.token, opa.verify_tls)
        if self._client is None or key != self._client_key:
            if self._client is not None:
                self._old_clients.append(self._client)   # closed with the rest at the end
            self._client = OpaClient(opa.url, opa.token, verify=opa.verify_tls, timeout_s=10)
            self._client_key = key
        return self._client

    async def aclose(self) -> None:
        clients = [*self._old_clients, *([self._client] if self._client else [])]
        self._client, self._old_clients = None, []
        for client in clients:
            await client.aclose()
