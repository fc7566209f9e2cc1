"""IXC's CRM leads: the ``contato`` table, where an unknown caller is registered as a lead.

Rated **[M]** (a public Postman collection of IXC Provedor's API, not IXC's reference): leads
are ``contato`` rows, listed like any table (``ixcsoft: listar``) and inserted with a plain
POST; an insert needs ``nome`` and ``data_cadastro`` (``dd/mm/aaaa``) and at least one phone
column or the e-mail. The sample stores phones as national digits (``"49999999999"``).

Two calls, used by :mod:`desktop.forward.lead_contact`, which keeps the "never twice" contract:

* :func:`find_contacts`: the ``contato`` rows holding the caller's number, one LIKE search per
  phone column in one wave (the fragment :func:`~desktop.ixc.phone_match.search_fragments`
  gives, so any mask is found), every hit verified digit by digit;
* :func:`insert_lead`: the new row (:func:`lead_row`, pure), IXC's new id back.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from desktop.i18n import tr
from desktop.ixc.client import IxcClient
from desktop.ixc.models import MatchKind
from desktop.ixc.phone_match import best_match, search_fragments
from desktop.phone.numbers import NormalizedNumber, NumberKind

_CONTEXT = "ixc.lead_contacts"

TABLE = "contato"
# the mobile column first: a hit there is the likeliest, and the order breaks ties
CONTACT_PHONE_COLUMNS = ("fone_celular", "fone_whatsapp", "fone_residencial", "fone_comercial")
# rows read per phone column: a number on more contacts than this is still "already there"
SEARCH_RP = 20
# the marketing origin IXC's CRM shows for the lead (optional column)
ORIGIN_SOURCE = "ramal"
# a contact holding the caller's line: the same digits, or stored without the mobile ninth
# digit. "Sem DDD" is not enough: the same local number under another DDD is another line.
_SAME_LINE = (MatchKind.EXACT, MatchKind.NINTH_DIGIT)


@dataclass(frozen=True)
class IxcContact:
    """A ``contato`` row that holds the caller's number."""

    id: str
    name: str
    lead: bool            # ``lead = "S"``: a CRM lead; otherwise another kind of contact
    column: str           # the phone column that matched


def stored_phone(caller: NormalizedNumber) -> str:
    """The number as the sample stores it: national digits (``"49999999999"``) for a
    Brazilian number, the country code and the digits (``"351912345678"``) for a foreign one;
    "" for anything else (hidden, an extension, a short code)."""
    if caller.kind is NumberKind.BRAZIL:
        return caller.national
    if caller.kind is NumberKind.INTERNATIONAL:
        return caller.number.lstrip("+")
    return ""


def phone_column(caller: NormalizedNumber) -> str:
    """``fone_residencial`` for a Brazilian landline, ``fone_celular`` otherwise (a foreign
    number's kind is not known: it goes where phone_attach puts it, the mobile column)."""
    if caller.kind is NumberKind.BRAZIL and not caller.is_mobile:
        return "fone_residencial"
    return "fone_celular"


def lead_row(name: str, caller: NormalizedNumber, now: datetime) -> dict[str, str]:
    """The insert body of a lead for ``caller`` (pure). ``now`` is the desk's local time: it
    dates the record (``data_cadastro``, ``dd/mm/aaaa`` as IXC takes it) and the note."""
    phone = stored_phone(caller)
    if not name.strip() or not phone:
        raise ValueError("a lead needs a name and a complete phone number")
    return {
        "nome": name,
        "data_cadastro": now.strftime("%d/%m/%Y"),
        phone_column(caller): phone,
        "lead": "S",
        "ativo": "S",
        "obs": tr(_CONTEXT, "Cadastrado pelo Ramal a partir de uma ligação recebida em {day} "
                            "às {time}.").format(day=f"{now:%d/%m/%Y}", time=f"{now:%H:%M}"),
        "origem_source": ORIGIN_SOURCE,
    }


async def find_contacts(client: IxcClient, caller: NormalizedNumber) -> list[IxcContact]:
    """Every ``contato`` holding the caller's line, exact matches first, then by id.

    One wave of searches (one per phone column). If any of them fails the error is raised: a
    number not seen because a search failed would be created twice."""
    fragments = search_fragments(caller)
    if not fragments:
        return []
    searches = [client.list(TABLE, qtype=f"{TABLE}.{column}", query=fragment, oper="L",
                            rp=SEARCH_RP)
                for column in CONTACT_PHONE_COLUMNS for fragment in fragments]
    pages = await asyncio.gather(*searches)
    found: dict[str, tuple[tuple[int, int], IxcContact]] = {}
    for page in pages:
        for row in page.rows:
            contact_id = row.get("id", "")
            match = best_match(caller, row, CONTACT_PHONE_COLUMNS)
            if not contact_id or match is None or match.kind not in _SAME_LINE:
                continue
            key = (match.kind.rank, int(contact_id) if contact_id.isdigit() else 1 << 62)
            found[contact_id] = (key, IxcContact(contact_id, row.get("nome", ""),
                                                 row.get("lead", "") == "S", match.column))
    return [contact for _key, contact in sorted(found.values(), key=lambda item: item[0])]


async def insert_lead(client: IxcClient, name: str, caller: NormalizedNumber,
                      now: datetime) -> str:
    """Insert the lead; IXC's new id. Not idempotent: look first (:func:`find_contacts`)."""
    return await client.insert(TABLE, lead_row(name, caller, now))


__all__ = ["CONTACT_PHONE_COLUMNS", "IxcContact", "find_contacts", "insert_lead", "lead_row",
           "phone_column", "stored_phone"]
