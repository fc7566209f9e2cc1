"""An unknown caller registered as a new contact from the popup (issue 16).

``[attendance] unknown_caller``: the popup of a number IXC did not know offers to register it
(:mod:`desktop.ui.new_contact_bar`) where the ISP wants new contacts. ``"lead_opa"``: the name
typed goes to :func:`~desktop.forward.lead_contact.register_lead`, an OPA contact marked lead
(offered when OPA is configured); ``"lead_ixc"``: to
:func:`~desktop.forward.lead_contact.register_ixc_lead`, an IXC CRM lead (offered when IXC is
configured). Either way nothing is created when the destination already has the number.

The settings are read when a popup opens and when the agent presses the button, so a change in
"Configurações" applies to the next call; the OPA client is built on first use and rebuilt when
the OPA address or token changes; the IXC client is the desk's own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any

from desktop.forward.lead_contact import (
    LeadOutcome,
    LeadResult,
    clean_contact_name,
    failure_message,
    lead_number,
    register_ixc_lead,
    register_lead,
)
from desktop.forward.opa import OpaClient
from desktop.i18n import tr
from desktop.ixc.client import IxcClient
from desktop.settings.model import OpaSettings, Settings
from desktop.ui.ring_popup import RingPopup
from desktop.ui.view_models import CallerKind

log = logging.getLogger(__name__)
_CONTEXT = "lead_flow"


def local_now() -> datetime:
    return datetime.now().astimezone()


class LeadContactFlow:
    def __init__(self, settings: Callable[[], Settings], popups: Mapping[str, RingPopup],
                 spawn: Callable[[Any], object], notice: Callable[[str], None], *,
                 ixc: Callable[[], IxcClient | None] = lambda: None,
                 now: Callable[[], datetime] = local_now) -> None:
        self.settings = settings
        self.popups = popups
        self.spawn = spawn
        self.notice = notice
        self.ixc = ixc                   # the desk's IXC client, None without IXC
        self.now = now                   # local time: dates an IXC lead
        self._client: OpaClient | None = None
        self._client_key: tuple[str, str, bool | str] | None = None
        self._old_clients: list[OpaClient] = []
        self.results: dict[str, LeadOutcome] = {}    # call id → the last result (tests, demo)

    def destination(self) -> str:
        """``unknown_caller``'s value when its destination is configured, else "off"."""
        settings = self.settings()
        mode = settings.attendance.unknown_caller
        if mode == "lead_opa" and settings.opa.url:
            return mode
        if mode == "lead_ixc" and settings.ixc.url and self.ixc() is not None:
            return mode
        return "off"

    def offered(self) -> bool:
        return self.destination() != "off"

    def wire_popup(self, popup: RingPopup) -> None:
        call = popup.call
        destination = self.destination()
        if destination == "off" or call.kind is not CallerKind.EXTERNAL or not lead_number(
                call.number):
            return
        bar = popup.new_contact
        bar.offered = True
        bar.set_destination(ixc=destination == "lead_ixc")
        # the caller ID's name is a hint the agent confirms with the caller; cleaned first
        bar.set_name(clean_contact_name(call.display_name))
        call_id = call.call_id
        bar.register_requested.connect(lambda name: self.request(call_id, name))

    def request(self, call_id: str, name: str) -> None:
        popup = self.popups.get(call_id)
        if popup is None:
            return
        destination = self.destination()
        number = popup.call.number
        registration: Awaitable[LeadResult]
        if destination == "lead_ixc" and (ixc := self.ixc()) is not None:
            registration = register_ixc_lead(ixc, name, number, self.now())
        elif destination == "lead_opa":
            registration = register_lead(self._opa(self.settings().opa), name, number)
        else:
            popup.new_contact.show_result(tr(_CONTEXT, "O cadastro de novos contatos foi "
                                                       "desligado nas configurações."), False)
            return
        popup.new_contact.set_destination(ixc=destination == "lead_ixc")
        popup.new_contact.show_pending()
        self.spawn(self._register(call_id, destination, registration))

    async def _register(self, call_id: str, destination: str,
                        registration: Awaitable[LeadResult]) -> None:
        try:
            result = await registration
            message, outcome = result.message, result.outcome
        except asyncio.CancelledError:
            raise
        except Exception as exc:   # a bug must not leave the bar saying "Cadastrando…"
            log.exception("registering a lead failed")
            message = failure_message(destination, type(exc).__name__)
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
