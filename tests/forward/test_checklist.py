"""The call's checklist: rules per subject, what is missing, and the snapshot written as evidence
(Qt-free; a fixed "today", no clock)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from desktop.forward.checklist import (
    card_evidence,
    missing_sections,
    missing_text,
    required_sections,
)
from desktop.ixc.models import Connection, Contract, Customer, CustomerRecord, Invoice, Section
from desktop.ixc.statuses import AccessStatus, InvoiceStatus, OnlineStatus
from desktop.settings.model import ChecklistRule, ConfigError, parse_settings

RULES = (ChecklistRule("Sem conexão", "conexao"), ChecklistRule("2ª via", "financeiro"),
         ChecklistRule("Mudança de endereço", "os, financeiro"))
TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(("subject", "viewed", "missing"), [
    ("Sem conexão", (), (Section.CONNECTIONS,)),
    ("sem  CONEXAO", (Section.CONNECTIONS,), ()),
    ("2ª via", (Section.CONNECTIONS,), (Section.INVOICES,)),
    ("Mudança de endereço", (Section.INVOICES,), (Section.SERVICE_ORDERS,)),
    ("Outro assunto", (), ()),
    ("", (), ()),
])
def test_missing_sections_follow_the_subject_rules(
        subject: str, viewed: tuple[Section, ...], missing: tuple[Section, ...]) -> None:
    assert missing_sections(subject, viewed, RULES) == missing


def test_missing_text_names_the_sections_and_asks_for_a_reason() -> None:
    text = missing_text((Section.SERVICE_ORDERS, Section.CONNECTIONS))
    assert "OS, conexão" in text and "motivo" in text


def test_evidence_says_what_the_viewed_sections_showed() -> None:
    record = CustomerRecord(
        customer=Customer(id=101, name="Maria"), today=TODAY,
        contracts=(Contract(id=7, customer_id=101,
                            access_status=AccessStatus.BLOCKED_AUTOMATIC),),
        invoices=(Invoice(id=1, customer_id=101, amount=Decimal("99.90"),
                          open_amount=Decimal("99.90"), due=date(2026, 2, 28),
                          status=InvoiceStatus.OPEN),),
        connections=(Connection(id=3, customer_id=101, login="maria.pppoe",
                                online=OnlineStatus.OFFLINE,
                                last_disconnect=datetime(2026, 3, 9, 20, 10)),))
    text = card_evidence(record, (Section.INVOICES, Section.CONNECTIONS))
    assert "Bloqueado: contrato 7" in text
    assert "1 em atraso, R$ 99,90, há 10 dias" in text
    assert "maria.pppoe offline desde 09/03/2026 20:10" in text
    assert "OS" not in text                       # not viewed: not claimed
    assert card_evidence(None, (Section.INVOICES,)) == ""


def test_rules_and_attendance_settings_parse_with_portuguese_errors() -> None:
    settings = parse_settings({
        "attendance": {"open_ticket": "auto", "open_subject_id": "3"},
        "checklist_rules": [{"subject": "Sem conexão", "requires": "conexão"}],
    })
    assert settings.attendance.open_ticket == "auto"
    assert required_sections("Sem conexão", settings.checklist_rules) == (Section.CONNECTIONS,)
    with pytest.raises(ConfigError, match=r"checklist_rules\[0\]\.requires"):
        parse_settings({"checklist_rules": [{"subject": "X", "requires": "boleto"}]})
    with pytest.raises(ConfigError, match=r"attendance\.open_ticket"):
        parse_settings({"attendance": {"open_ticket": "sempre"}})
