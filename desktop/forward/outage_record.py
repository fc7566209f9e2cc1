"""One outage record in IXC for every call about the same fault, and one NOC message about it.

IXC is the only state the desks share (there is no Ramal server), so the outage record is an
IXC ticket (``su_ticket``) whose title carries the outage's key
(``ramal-massiva-<scope>-<id>-<YYYYMMDD>``): every desk searches for it before creating one.
Two desks creating it in the same instant both re-read after the insert; the lowest id wins and
the other cancels its own copy (``su_status = C``), so one active record remains.

Each caller's own attendance ticket says ``Massiva: protocolo <P> [ref <key>]``, which points to
the record and lets any desk count the calls (one ``total``). The desk that created the record
tells the NOC/plantão Discord channel once (``wait=true`` returns the message id) and writes the
id into the record (``[discord <id>]``); every later call, on any desk, edits that message with
the new count instead of posting again.

Outbox kind ``ixc_outage_call``: :class:`OutageCallDelivery` logs one call this way, exactly
once (the customer's ticket carries the attendance's marker, as plain tickets do).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from desktop.forward.discord import DiscordWebhookClient
from desktop.forward.ixc_delivery import lookup_failed, write_failed
from desktop.forward.outbox_worker import (
    Delivered,
    NotDelivered,
    Outcome,
    ReconcileOutcome,
)
from desktop.i18n import tr
from desktop.ixc.client import Filter, IxcClient
from desktop.ixc.errors import (
    IxcError,
)
from desktop.ixc.outage_model import Outage, OutageScope
from desktop.ixc.tickets import IxcTickets
from desktop.store.outbox import OutboxItem

log = logging.getLogger(__name__)

_CONTEXT = "outage"
KIND = "ixc_outage_call"
_STAMP = "%Y-%m-%d %H:%M:%S"
_DISCORD_ID = re.compile(r"\[discord (\d{5,25})\]")


@dataclass(frozen=True)
class OutageRecord:
    id: str
    protocol: str
    discord_message_id: str = ""


def outage_to_payload(outage: Outage) -> dict[str, Any]:
    return {"scope": outage.scope.value, "id": outage.id, "name": outage.name,
            "offline": outage.offline, "logins": outage.logins,
            "since": outage.since.strftime(_STAMP)}


def outage_from_payload(data: Mapping[str, Any]) -> Outage:
    return Outage(OutageScope(str(data["scope"])), int(data["id"]), str(data.get("name", "")),
                  int(data["offline"]), int(data["logins"]),
                  datetime.strptime(str(data["since"]), _STAMP))


def call_reference(outage: Outage, record: OutageRecord) -> str:
    """The line of a caller's ticket that points to the outage record."""
    return tr(_CONTEXT, "Massiva: protocolo {protocol} [ref {key}]").format(
        protocol=record.protocol or record.id, key=outage.key)


def noc_message(outage: Outage, calls: int) -> dict[str, Any]:
    """The NOC/plantão channel's message (no mentions: names come from IXC)."""
    title = tr(_CONTEXT, "Possível massiva — {scope} {name}").format(
        scope=outage.scope.label, name=outage.display_name)
    description = tr(_CONTEXT, "{offline} de {logins} logins caíram desde {since}. "
                               "Ligações recebidas: {calls}.").format(
        offline=outage.offline, logins=outage.logins,
        since=outage.since.strftime("%d/%m/%Y %H:%M"), calls=calls)
    return {"content": "", "allowed_mentions": {"parse": []},
            "embeds": [{"title": title[:256], "description": description[:4096],
                        "color": 0xC0392B, "footer": {"text": outage.key}}]}


class OutageRecords:
    """Finds or creates the outage record in IXC and keeps the NOC's message up to date."""

    def __init__(self, client: IxcClient, *, noc_webhook: Callable[[], str | None],
                 discord: DiscordWebhookClient | None, agent: str,
                 record_customer_id: Callable[[], str] = lambda: "") -> None:
        self._client = client
        self._noc_webhook = noc_webhook
        self._discord = discord
        self._agent = agent
        self._record_customer_id = record_customer_id
        self._locks: dict[str, asyncio.Lock] = {}

    async def find(self, outage: Outage) -> OutageRecord | None:
        rows = await self._active_rows(outage)
        return _record(rows[0]) if rows else None

    async def _active_rows(self, outage: Outage) -> list[dict[str, str]]:
        page = await self._client.list(
            "su_ticket", qtype="su_ticket.titulo", query=outage.key, oper="L",
            filters=[Filter("su_ticket.su_status", "!=", "C")],
            sortname="su_ticket.id", sortorder="asc", rp=10)
        return [dict(r) for r in page.rows if outage.key in r.get("titulo", "")]

    async def find_or_create(self, outage: Outage, ticket: Mapping[str, str]
                             ) -> tuple[OutageRecord, bool]:
        """The record (and whether this call created it); ``ticket`` is the caller's ticket
        body, whose subject and sector the record reuses."""
        lock = self._locks.setdefault(outage.key, asyncio.Lock())
        async with lock:
            found = await self.find(outage)
            if found is not None:
                return found, False
            fields = {
                "tipo": "E", "id_cliente": self._record_customer_id() or ticket["id_cliente"],
                "id_assunto": ticket["id_assunto"],
                "id_ticket_setor": ticket.get("id_ticket_setor", ""),
                "titulo": tr(_CONTEXT, "Massiva {scope} {name} [{key}]").format(
                    scope=outage.scope.label, name=outage.display_name, key=outage.key)[:100],
                "menssagem": tr(_CONTEXT, "Possível massiva detectada pelo Ramal: {offline} de "
                                          "{logins} logins caíram desde {since}. Aberto por "
                                          "{agent}.").format(
                    offline=outage.offline, logins=outage.logins,
                    since=outage.since.strftime("%d/%m/%Y %H:%M"), agent=self._agent),
                "prioridade": "C", "su_status": "N", "status": "T", "origem_cadastro": "P",
                "id_ticket_origem": "I", "interacao_pendente": "N",
                "melhor_horario_reserva": "Q", "origem_endereco": "C",
            }
            mine = await self._client.insert("su_ticket", fields)
            # another desk may have created it in the same instant: the lowest id wins
            rows = await self._active_rows(outage)
            winner = rows[0] if rows else {"id": mine}
            if winner.get("id") != mine:
                await self._cancel(mine, rows)
                return _record(winner), False
            return _record(winner), True

    async def _cancel(self, ticket_id: str, rows: list[dict[str, str]]) -> None:
        row = next((r for r in rows if r.get("id") == ticket_id), None)
        if row is None:
            return
        try:
            await self._client.update("su_ticket", ticket_id, {**row, "su_status": "C"})
        except IxcError as exc:
            log.warning("duplicate outage record %s not cancelled: %s", ticket_id, exc.message)

    async def count_calls(self, outage: Outage) -> int:
        page = await self._client.list("su_ticket", qtype="su_ticket.menssagem",
                                       query=f"[ref {outage.key}]", oper="L", rp=1)
        return page.total

    async def notify_noc(self, outage: Outage, record: OutageRecord, created: bool) -> str:
        """Post once (by the creating desk) or edit the message; returns what happened."""
        url = self._noc_webhook()
        if not url or self._discord is None:
            return "sem-webhook"
        message_id = record.discord_message_id
        if not message_id and not created:
            # the creator posts; a desk that only found it learns the id from IXC later
            fresh = await self.find(outage)
            message_id = fresh.discord_message_id if fresh else ""
            if not message_id:
                return "aguardando"
        body = noc_message(outage, await self.count_calls(outage))
        if message_id:
            response = await self._discord.edit(url, message_id, body)
            return "editada" if response.status < 300 else f"falhou {response.status}"
        response = await self._discord.execute(url, body)
        new_id = str(response.body.get("id", "")) if response.status < 300 else ""
        if not new_id:
            return f"falhou {response.status}"
        rows = await self._active_rows(outage)
        row = next((r for r in rows if r.get("id") == record.id), None)
        if row is not None:
            await self._client.update("su_ticket", record.id, {
                **row, "menssagem": f"{row.get('menssagem', '')}\n[discord {new_id}]"})
        return "enviada"


def _record(row: Mapping[str, str]) -> OutageRecord:
    found = _DISCORD_ID.search(row.get("menssagem", ""))
    return OutageRecord(row.get("id", ""), row.get("protocolo", ""),
                        found.group(1) if found else "")


class OutageCallDelivery:
    """Outbox handler for ``ixc_outage_call``: the record, the caller's ticket, the NOC."""

    def __init__(self, records: OutageRecords, tickets: IxcTickets) -> None:
        self._records = records
        self._tickets = tickets

    async def deliver(self, item: OutboxItem) -> Outcome:
        payload = item.payload
        outage = outage_from_payload(payload["outage"])
        fields = dict(payload["fields"])
        try:
            record, created = await self._records.find_or_create(outage, fields)
        except IxcError as exc:
            return lookup_failed(exc)   # a duplicate record is cancelled on the next try
        fields["menssagem"] = f"{fields['menssagem']}\n{call_reference(outage, record)}"
        try:
            ticket = await self._tickets.create(fields)
        except IxcError as exc:
            return write_failed(exc)
        try:
            noc = await self._records.notify_noc(outage, record, created)
        except (IxcError, httpx.HTTPError, ValueError) as exc:
            # the call is logged: the NOC's message waits for the next call
            noc = f"falhou: {getattr(exc, 'message', '') or type(exc).__name__}"
            log.warning("NOC message for %s not sent: %s", outage.key, noc)
        return Delivered({"ticket_id": ticket.id, "protocol": ticket.protocol,
                          "outage_ticket_id": record.id, "outage_protocol": record.protocol,
                          "noc": noc})

    async def reconcile(self, item: OutboxItem) -> ReconcileOutcome:
        payload = item.payload
        try:
            found = await self._tickets.find_by_marker(str(payload["customer_id"]),
                                                       str(payload["marker"]))
        except IxcError as exc:
            return lookup_failed(exc)
        if found is None:
            return NotDelivered()
        return Delivered({"ticket_id": found.id, "protocol": found.protocol})


__all__ = ["KIND", "OutageCallDelivery", "OutageRecord", "OutageRecords", "call_reference",
           "noc_message", "outage_from_payload", "outage_to_payload"]
