"""An unknown caller registered as a new contact (a lead), where the ISP wants new contacts.

``[attendance] unknown_caller`` offers it on the popup of a number IXC does not know:

* ``"lead_opa"``: an OPA contact marked lead (``POST /contato``, :func:`register_lead`);
* ``"lead_ixc"``: an IXC CRM lead, a ``contato`` row with ``lead = "S"``
  (:mod:`desktop.ixc.lead_contacts`, :func:`register_ixc_lead`).

Both keep one contract (:func:`_register`): it is a direct call, not an outbox item, because the
agent is waiting for the answer on the popup; it never raises the destination's errors, it
answers a :class:`LeadResult` in pt-BR; and it is safe to repeat, because the number is looked
up first — a number the destination already has is never created twice, and a reply lost on the
way is settled by looking again before saying anything.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from desktop.forward.opa import OpaClient, OpaError
from desktop.i18n import tr
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import NEEDS_A_PERSON, IxcError, IxcRedirectError
from desktop.ixc.lead_contacts import find_contacts, insert_lead
from desktop.phone.numbers import NumberKind, format_number, normalize_br_number

_CONTEXT = "lead_contact"
NAME_LIMIT = 100


class LeadOutcome(enum.StrEnum):
    CREATED = "created"
    ALREADY_THERE = "already_there"      # the destination has a contact with this number
    INVALID = "invalid"                  # no name, or not a complete phone number
    FAILED = "failed"                    # the destination refused or could not be reached


@dataclass(frozen=True)
class LeadResult:
    outcome: LeadOutcome
    message: str                         # pt-BR, for the popup and the status bar
    contact_id: str = ""
    name: str = ""


def clean_contact_name(text: str) -> str:
    """The name as typed, without control or format characters (a caller ID can carry them),
    spaces collapsed, at most :data:`NAME_LIMIT` characters."""
    kept = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(kept.split())[:NAME_LIMIT].strip()


def lead_number(number: str) -> str:
    """The caller's number in E.164 (``+DDI DDD number``), or "" if it is not a complete phone
    number (hidden, an extension, a short code, 0800)."""
    normalized = normalize_br_number(number)
    if normalized.kind in (NumberKind.BRAZIL, NumberKind.INTERNATIONAL):
        return normalized.number
    return ""


@dataclass(frozen=True)
class _Found:
    id: str
    name: str


class _Destination(Protocol):
    """Where a lead goes: how to look the number up there, create it, and say the outcome."""

    errors: tuple[type[Exception], ...]     # what its client raises (said, never raised)

    async def find(self, phone: str) -> _Found | None: ...

    async def create(self, name: str, phone: str) -> str: ...

    def may_have_landed(self, exc: Exception) -> bool:
        """Whether the create may have been applied although it failed (a lost reply)."""
        ...

    def created(self, name: str, shown: str, contact_id: str) -> str: ...

    def already(self, shown: str, name: str, contact_id: str) -> str: ...

    def failed(self, exc: Exception) -> str: ...


async def _register(destination: _Destination, name: str, number: str) -> LeadResult:
    clean = clean_contact_name(name)
    if not clean:
        return LeadResult(LeadOutcome.INVALID, tr(_CONTEXT, "Informe o nome de quem ligou."))
    phone = lead_number(number)
    if not phone:
        return LeadResult(LeadOutcome.INVALID, tr(
            _CONTEXT, "O número {number} não é um telefone completo: não dá para cadastrá-lo "
                      "como contato.").format(number=number or tr(_CONTEXT, "(oculto)")))
    shown = format_number(phone)
    try:
        existing = await destination.find(phone)
        if existing is not None:
            return LeadResult(LeadOutcome.ALREADY_THERE, destination.already(
                shown, clean_contact_name(existing.name) or tr(_CONTEXT, "(sem nome)"),
                existing.id), contact_id=existing.id, name=existing.name)
        try:
            contact_id = await destination.create(clean, phone)
        except destination.errors as exc:
            if not destination.may_have_landed(exc):
                raise
            # the request may have been applied: look again before saying anything
            again = await destination.find(phone)
            if again is None:
                raise
            contact_id = again.id
    except destination.errors as exc:
        return LeadResult(LeadOutcome.FAILED, destination.failed(exc))
    return LeadResult(LeadOutcome.CREATED, destination.created(clean, shown, contact_id),
                      contact_id=contact_id, name=clean)


# --- OPA: a contact marked lead ---------------------------------------------------------------


class _OpaLeads:
    errors: tuple[type[Exception], ...] = (OpaError,)

    def __init__(self, client: OpaClient) -> None:
        self.client = client

    async def find(self, phone: str) -> _Found | None:
        found = await self.client.find_contacts(phone)
        return _Found(found[0].id, found[0].name) if found else None

    async def create(self, name: str, phone: str) -> str:
        return (await self.client.create_contact(name, phone, lead=True)).id

    def may_have_landed(self, exc: Exception) -> bool:
        return isinstance(exc, OpaError) and exc.maybe_applied

    def created(self, name: str, shown: str, contact_id: str) -> str:
        return tr(_CONTEXT, "{name} ({number}) cadastrado no OPA como novo contato.").format(
            name=name, number=shown)

    def already(self, shown: str, name: str, contact_id: str) -> str:
        return tr(_CONTEXT, "O número {number} já é do contato {name} no OPA: nada foi "
                            "criado.").format(number=shown, name=name)

    def failed(self, exc: Exception) -> str:
        return failure_message("lead_opa", getattr(exc, "message", "") or str(exc))


async def register_lead(client: OpaClient, name: str, number: str) -> LeadResult:
    """An OPA contact marked lead, unless OPA already has one with this number; never raises
    OpaError."""
    return await _register(_OpaLeads(client), name, number)


# --- IXC: a CRM lead (contato, lead = "S") ------------------------------------------------------


class _IxcLeads:
    errors: tuple[type[Exception], ...] = (IxcError,)

    def __init__(self, client: IxcClient, now: datetime) -> None:
        self.client = client
        self.now = now

    async def find(self, phone: str) -> _Found | None:
        found = await find_contacts(self.client, normalize_br_number(phone))
        return _Found(found[0].id, found[0].name) if found else None

    async def create(self, name: str, phone: str) -> str:
        return await insert_lead(self.client, name, normalize_br_number(phone), self.now)

    def may_have_landed(self, exc: Exception) -> bool:
        # IXC's own "no" (its validation, the token, a missing column) wrote nothing; a
        # timeout, a dropped connection, a 5xx or garbage may have come after the write
        return not isinstance(exc, (*NEEDS_A_PERSON, IxcRedirectError))

    def created(self, name: str, shown: str, contact_id: str) -> str:
        return tr(_CONTEXT, "{name} ({number}) cadastrado no IXC como lead (contato "
                            "{id}).").format(name=name, number=shown, id=contact_id or "?")

    def already(self, shown: str, name: str, contact_id: str) -> str:
        return tr(_CONTEXT, "O número {number} já é do contato {name} (contato {id}) no IXC: "
                            "nada foi criado.").format(number=shown, name=name, id=contact_id)

    def failed(self, exc: Exception) -> str:
        return failure_message("lead_ixc", getattr(exc, "message", "") or str(exc))


async def register_ixc_lead(client: IxcClient, name: str, number: str,
                            now: datetime) -> LeadResult:
    """An IXC CRM lead (``contato``), unless a contact there already has this number; never
    raises IxcError. ``now`` (the desk's local time) dates the record."""
    return await _register(_IxcLeads(client, now), name, number)


def failure_message(destination: str, reason: str) -> str:
    """"Not registered" with the reason, for ``destination`` (``unknown_caller``'s value)."""
    if destination == "lead_ixc":
        return tr(_CONTEXT, "O lead não foi cadastrado no IXC: {reason}").format(reason=reason)
    return tr(_CONTEXT, "O contato não foi cadastrado no OPA: {reason}").format(reason=reason)


__all__ = ["LeadOutcome", "LeadResult", "clean_contact_name", "failure_message", "lead_number",
           "register_ixc_lead", "register_lead"]
