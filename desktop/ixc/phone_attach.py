"""Adding an unknown caller's number to an existing customer, so the next call pops the card.

The agent found the customer by hand (name, CPF) and confirmed. The write never overwrites: the
row is read again just before writing, the number goes into the first *empty* phone column
(a mobile into ``telefone_celular`` first, a landline into ``fone`` first), and nothing is
written when the customer already has the number or has no empty phone column. IXC takes a PUT
as the whole new row (reference §4), so the row read is sent back whole with one column
changed, secret columns included (see :meth:`IxcClient.read_for_update`).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.i18n import tr
from desktop.ixc.client import IxcClient
from desktop.ixc.phone_match import best_match
from desktop.phone.numbers import NormalizedNumber, NumberKind, format_number, normalize_br_number

_CONTEXT = "ixc.phone_attach"

_MOBILE_FIRST = ("telefone_celular", "whatsapp", "fone", "telefone_comercial")
_LANDLINE_FIRST = ("fone", "telefone_comercial", "telefone_celular", "whatsapp")

COLUMN_LABELS = {
    "telefone_celular": "Celular",
    "whatsapp": "WhatsApp",
    "fone": "Telefone",
    "telefone_comercial": "Telefone comercial",
}


class AttachOutcome(enum.StrEnum):
    ATTACHED = "attached"
    ALREADY_THERE = "already_there"
    NO_EMPTY_COLUMN = "no_empty_column"
    NOT_FOUND = "not_found"
    NOT_A_PHONE = "not_a_phone"


@dataclass(frozen=True)
class AttachPlan:
    outcome: AttachOutcome
    column: str = ""
    text: str = ""            # the number as it will be stored


@dataclass(frozen=True)
class AttachResult:
    outcome: AttachOutcome
    column: str
    message: str              # pt-BR, for the status bar or the confirmation


def plan_attach(row: Mapping[str, str], caller: NormalizedNumber) -> AttachPlan:
    """Where the number would go in this cliente row (pure: also the confirmation's text)."""
    if caller.kind not in (NumberKind.BRAZIL, NumberKind.INTERNATIONAL):
        return AttachPlan(AttachOutcome.NOT_A_PHONE)
    if best_match(caller, row) is not None:
        return AttachPlan(AttachOutcome.ALREADY_THERE)
    order = _MOBILE_FIRST if caller.kind is NumberKind.INTERNATIONAL or caller.is_mobile \
        else _LANDLINE_FIRST
    for column in order:
        if column in row and not str(row.get(column) or "").strip():
            return AttachPlan(AttachOutcome.ATTACHED, column, format_number(caller.number))
    return AttachPlan(AttachOutcome.NO_EMPTY_COLUMN)


def confirmation_text(customer_name: str, number: str, column: str) -> str:
    return tr(_CONTEXT, 'Adicionar {number} ao campo "{column}" de {name} no IXC? As próximas '
                        'ligações deste número abrem a ficha.').format(
        number=number, column=COLUMN_LABELS.get(column, column), name=customer_name)


def _message(outcome: AttachOutcome, column: str, number: str) -> str:
    messages = {
        AttachOutcome.ATTACHED: tr(_CONTEXT, '{number} adicionado ao campo "{column}" no IXC.'),
        AttachOutcome.ALREADY_THERE: tr(_CONTEXT, "O cliente já tem {number} no IXC."),
        AttachOutcome.NO_EMPTY_COLUMN: tr(_CONTEXT, "O cliente não tem campo de telefone "
                                                    "vazio: nada foi sobrescrito. Edite no IXC."),
        AttachOutcome.NOT_FOUND: tr(_CONTEXT, "O cliente não foi encontrado no IXC."),
        AttachOutcome.NOT_A_PHONE: tr(_CONTEXT, "{number} não é um telefone que possa ser "
                                                "guardado na ficha."),
    }
    return messages[outcome].format(number=number, column=COLUMN_LABELS.get(column, column))


async def attach_phone(client: IxcClient, customer_id: str, number: str) -> AttachResult:
    """Re-read the customer, then write the number into an empty phone column (or say why not).

    Raises :class:`~desktop.ixc.errors.IxcError` when IXC cannot be read or refuses the write.
    """
    caller = normalize_br_number(number)
    shown = format_number(caller.number) if caller.number else number
    row = await client.read_for_update("cliente", customer_id)
    if row is None:
        return AttachResult(AttachOutcome.NOT_FOUND, "", _message(AttachOutcome.NOT_FOUND, "",
                                                                  shown))
    plan = plan_attach(row, caller)
    if plan.outcome is AttachOutcome.ATTACHED:
        await client.update("cliente", customer_id, {**row, plan.column: plan.text})
    return AttachResult(plan.outcome, plan.column, _message(plan.outcome, plan.column, shown))


__all__ = ["AttachOutcome", "AttachPlan", "AttachResult", "attach_phone", "confirmation_text",
           "plan_attach"]
