"""The IXC simulator's ``contato`` table: the CRM's contacts and leads (issue 16).

What it follows is rated **[M]** (a public Postman collection of IXC Provedor's API): the
columns below; an insert needs ``nome`` and ``data_cadastro`` (``dd/mm/aaaa``) and at least one
phone or the e-mail, otherwise ``{"type": "error"}`` with HTTP 200; phones stored as national
digits. The wording of the refusals beyond "Preencha …" and the check of the date's format are
the simulator's own (IXC's exact texts are not known), as is storing the date as
``aaaa-mm-dd`` (how IXC's other tables read back).

The seed holds a few leads typed the ways CRM forms and people type them, none of them a
customer's number: a test or the demo calling from one is told the lead already exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

Rows = list[dict[str, str]]

CONTACT_PHONE_COLUMNS = ("fone_celular", "fone_residencial", "fone_comercial", "fone_whatsapp")
CONTACT_TABLES: dict[str, tuple[str, ...]] = {
    "contato": ("id", "nome", "data_cadastro", *CONTACT_PHONE_COLUMNS, "email", "lead", "ativo",
                "obs", "id_cliente", "tipo_pessoa", "cidade", "uf", "origem_source",
                "origem_medium"),
}
CONTACT_REQUIRED: dict[str, dict[str, str]] = {
    "contato": {"nome": "Nome", "data_cadastro": "Data de cadastro"},
}

# (id, nome, tipo_pessoa, column, as typed, origin): numbers the lead tests call from
SEEDED_LEADS = (
    ("1", "Carla Menezes", "F", "fone_celular", "(11) 97654-3210", "site"),
    ("2", "Oficina do Zé", "J", "fone_comercial", "11 3456.1234", "indicacao"),
    ("3", "Luiz Fernando (WhatsApp)", "F", "fone_whatsapp", "+55 21 9 8888 7777", "whatsapp"),
    ("4", "Dona Cida", "F", "fone_residencial", "1145671234", ""),
)
_DATE = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


def add_contact_rows(tables: dict[str, Rows], today: date) -> None:
    """The seeded leads, plus one contact known only by its e-mail."""
    rows = tables["contato"]
    for n, (contact_id, name, person, column, phone, origin) in enumerate(SEEDED_LEADS):
        rows.append(_row({"id": contact_id, "nome": name, column: phone, "lead": "S",
                          "ativo": "S", "origem_source": origin, "tipo_pessoa": person,
                          "data_cadastro": (today - timedelta(days=12 + 9 * n)).isoformat()}))
    rows.append(_row({"id": "5", "nome": "Bianca Reis", "email": "bianca.reis@email.com.br",
                      "lead": "S", "ativo": "S", "origem_source": "site",
                      "data_cadastro": (today - timedelta(days=3)).isoformat()}))


def _row(values: Mapping[str, str]) -> dict[str, str]:
    return {col: "" for col in CONTACT_TABLES["contato"]} | dict(values)


def contact_refusal(body: Mapping[str, Any]) -> str:
    """Why an insert of ``contato`` is refused (after the "Preencha …" of the required fields),
    or "" when it is accepted."""
    if not any(str(body.get(column, "") or "").strip()
               for column in (*CONTACT_PHONE_COLUMNS, "email")):
        return "Informe pelo menos um telefone ou o e-mail do contato!"
    if _iso_date(str(body.get("data_cadastro", ""))) is None:
        return "Data de cadastro inválida! Use o formato dd/mm/aaaa."
    return ""


def store_contact(row: dict[str, str]) -> None:
    """The accepted insert as it reads back: ``data_cadastro`` as ``aaaa-mm-dd``."""
    row["data_cadastro"] = _iso_date(row["data_cadastro"]) or row["data_cadastro"]


def _iso_date(text: str) -> str | None:
    match = _DATE.fullmatch(text.strip())
    if match is None:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None
