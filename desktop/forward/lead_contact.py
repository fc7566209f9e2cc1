"""An unknown caller registered as a new OPA contact (a lead), where the ISP wants new contacts.

``[attendance] unknown_caller = "lead_opa"`` offers it on the popup of a number IXC does not know.
OPA's ``POST /contato`` is the documented route (the IXC reference names no prospect/lead
resource). It is a direct call, not an outbox item: the agent is waiting for the answer on the
popup, and it is safe to repeat because the number is looked up first — a number OPA already has
is never created twice, and a reply lost on the way is settled by looking again.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

from desktop.forward.opa import OpaClient, OpaError
from desktop.i18n import tr
from desktop.phone.numbers import NumberKind, format_number, normalize_br_number

_CONTEXT = "lead_contact"
NAME_LIMIT = 100


class LeadOutcome(enum.StrEnum):
    CREATED = "created"
    ALREADY_THERE = "already_there"      # OPA has a contact with this number: nothing created
    INVALID = "invalid"                  # no name, or not a complete phone number
    FAILED = "failed"                    # OPA refused or could not be reached


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
    """The caller's number in E.164 (OPA stores ``+DDI DDD number``), or "" if it is not one."""
    normalized = normalize_br_number(number)
    if normalized.kind in (NumberKind.BRAZIL, NumberKind.INTERNATIONAL):
        return normalized.number
    return ""


async def register_lead(client: OpaClient, name: str, number: str) -> LeadResult:
    """Create the contact unless OPA already has one with this number; never raises OpaError."""
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
        existing = await client.find_contacts(phone)
        if existing:
            return _already(existing[0].id, existing[0].name, shown)
        try:
            created = await client.create_contact(clean, phone, lead=True)
        except OpaError as exc:
            if not exc.maybe_applied:
                raise
            # the request may have been applied: look again before saying anything
            again = await client.find_contacts(phone)
            if not again:
                raise
            created = again[0]
    except OpaError as exc:
        return LeadResult(LeadOutcome.FAILED, tr(
            _CONTEXT, "O contato não foi cadastrado no OPA: {reason}").format(reason=exc.message))
    return LeadResult(LeadOutcome.CREATED, tr(
        _CONTEXT, "{name} ({number}) cadastrado no OPA como novo contato.").format(
            name=clean, number=shown), contact_id=created.id, name=clean)


def _already(contact_id: str, name: str, shown: str) -> LeadResult:
    return LeadResult(LeadOutcome.ALREADY_THERE, tr(
        _CONTEXT, "O número {number} já é do contato {name} no OPA: nada foi criado.").format(
            number=shown, name=clean_contact_name(name) or tr(_CONTEXT, "(sem nome)")),
        contact_id=contact_id, name=name)
