"""An unknown caller registered as a new contact from the popup (issue 16), offscreen against
the IXC and OPA simulators: an OPA contact with ``unknown_caller = "lead_opa"``, an IXC CRM lead
with ``"lead_ixc"``; offered only when its destination is configured and IXC has no customer
for the number; the name prefilled from the caller ID (cleaned); the pt-BR result on the popup;
a second call from the number is told the destination already has it."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.forward.lead_contact import LeadOutcome
from desktop.settings.model import AttendanceSettings, IxcSettings
from desktop.sip.events import CallEnded, IncomingCall
from desktop.ui.ring_popup import RingPopup
from tests.ui.recording_engine import until

UNKNOWN = DEMO_NUMBERS["desconhecido"].number
KNOWN = DEMO_NUMBERS["em_dia"].number


def _configure(ramal: RamalApp, mode: str) -> None:
    ramal.settings_source.replace(dataclasses.replace(
        ramal.settings, attendance=AttendanceSettings(unknown_caller=mode)))  # type: ignore[arg-type]


async def _ring(ramal: RamalApp, call_id: str, number: str, name: str = "") -> RingPopup:
    ramal.handle_event(IncomingCall(call_id, number, name, False, False, f"<sip:{number}@x>"))
    popup = ramal.popups[call_id]
    await until(lambda: popup.lookup_finished)
    return popup


async def _registered_again(ramal: RamalApp, call_id: str) -> RingPopup:
    """The unknown number calls again and the agent registers it once more: told it is
    already João da Silva's, nothing created."""
    again = await _ring(ramal, call_id, UNKNOWN)
    again.new_contact.name.setText("Outro nome")
    again.new_contact.register_button.click()
    await until(lambda: ramal.lead_contacts.results.get(call_id))
    assert ramal.lead_contacts.results[call_id] is LeadOutcome.ALREADY_THERE
    assert "já é do contato João da Silva" in again.new_contact.status.text()
    return again


async def test_an_unknown_caller_is_registered_as_an_opa_lead_from_the_popup(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "lead_opa")
    before = len(backends.opa.contacts())
    popup = await _ring(ramal, "n1", UNKNOWN, "JOAO\x07 SILVA\u202e")
    bar = popup.new_contact
    assert bar.isVisible()
    assert bar.name.text() == "JOAO SILVA"                         # control characters gone
    bar.name.setText("")
    assert not bar.register_button.isEnabled()                     # a name is needed
    bar.name.setText("João da Silva")
    bar.register_button.click()
    await until(lambda: ramal.lead_contacts.results.get("n1"))
    assert ramal.lead_contacts.results["n1"] is LeadOutcome.CREATED
    assert "cadastrado no OPA como novo contato" in bar.status.text()
    assert not bar.register_button.isEnabled() and not bar.name.isEnabled()
    assert "cadastrado no OPA" in ramal.window.statusBar().currentMessage()
    created = backends.opa.contacts()[before:]
    assert [(c["nome"], c["lead"], c["fones"][0]["numero"]) for c in created] == [
        ("João da Silva", True, UNKNOWN)]
    ramal.handle_event(CallEnded("n1", "missed"))

    # the next call from the number: OPA has it, nothing is created twice
    await _registered_again(ramal, "n2")
    assert len(backends.opa.contacts()) == before + 1


async def test_opa_refusing_is_said_and_the_agent_can_try_again(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "lead_opa")
    popup = await _ring(ramal, "r1", UNKNOWN)
    bar = popup.new_contact
    bar.name.setText("Ana")
    backends.opa.fail_next(1, 503)
    bar.register_button.click()
    await until(lambda: ramal.lead_contacts.results.get("r1"))
    assert ramal.lead_contacts.results["r1"] is LeadOutcome.FAILED
    assert bar.status.text().startswith("O contato não foi cadastrado no OPA:")
    assert bar.register_button.isEnabled()
    del ramal.lead_contacts.results["r1"]
    bar.register_button.click()
    await until(lambda: ramal.lead_contacts.results.get("r1"))
    assert ramal.lead_contacts.results["r1"] is LeadOutcome.CREATED


async def test_not_offered_when_off_or_when_ixc_knows_the_caller(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, _backends = desk
    off = await _ring(ramal, "o1", UNKNOWN)                        # default: off
    assert not off.new_contact.isVisible()
    assert off.page() == 3                                         # the search box instead
    _configure(ramal, "lead_opa")
    known = await _ring(ramal, "k1", KNOWN)
    assert not known.new_contact.isVisible()
    assert known.card.record is not None


# --- unknown_caller = "lead_ixc": an IXC CRM lead (contato, lead = S) -------------------------

LEAD_TIME = datetime(2026, 3, 2, 9, 15)
SEEDED_LEAD = "+5511976543210"        # a lead in IXC's contato ("Carla Menezes"), no customer


def _ixc_inserts(backends: DemoBackends) -> list[dict[str, str]]:
    return [r.body for r in backends.ixc.requests
            if r.table == "contato" and not r.listing and r.method == "POST"]


async def test_an_unknown_caller_is_registered_as_an_ixc_lead_from_the_popup(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "lead_ixc")
    ramal.lead_contacts.now = lambda: LEAD_TIME
    opa_before = len(backends.opa.contacts())
    popup = await _ring(ramal, "i1", UNKNOWN, "JOAO SILVA")
    bar = popup.new_contact
    assert bar.isVisible() and bar.name.text() == "JOAO SILVA"
    assert bar.register_button.text() == "Cadastrar como lead no IXC"
    assert "no IXC" in bar.register_button.toolTip()
    bar.name.setText("João da Silva")
    bar.register_button.click()
    assert bar.status.text() == "Cadastrando no IXC…"
    await until(lambda: ramal.lead_contacts.results.get("i1"))
    assert ramal.lead_contacts.results["i1"] is LeadOutcome.CREATED
    [sent] = _ixc_inserts(backends)
    assert (sent["nome"], sent["fone_celular"], sent["data_cadastro"], sent["lead"]) == (
        "João da Silva", UNKNOWN.removeprefix("+55"), "02/03/2026", "S")
    [row] = [r for r in backends.ixc.tables["contato"] if r["fone_celular"] == "11900001234"]
    assert f"cadastrado no IXC como lead (contato {row['id']})" in bar.status.text()
    assert not bar.register_button.isEnabled() and not bar.name.isEnabled()
    assert "cadastrado no IXC como lead" in ramal.window.statusBar().currentMessage()
    assert len(backends.opa.contacts()) == opa_before             # OPA untouched
    ramal.handle_event(CallEnded("i1", "missed"))

    # the next call from the number: IXC has it now, nothing is created twice
    again = await _registered_again(ramal, "i2")
    assert "no IXC: nada foi criado" in again.new_contact.status.text()
    assert len(_ixc_inserts(backends)) == 1


async def test_a_caller_already_a_lead_in_ixc_is_told_so(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "lead_ixc")
    popup = await _ring(ramal, "s1", SEEDED_LEAD)
    assert popup.card.record is None and popup.new_contact.isVisible()   # no customer has it
    popup.new_contact.name.setText("Carla")
    popup.new_contact.register_button.click()
    await until(lambda: ramal.lead_contacts.results.get("s1"))
    assert ramal.lead_contacts.results["s1"] is LeadOutcome.ALREADY_THERE
    assert popup.new_contact.status.text() == (
        "O número (11) 97654-3210 já é do contato Carla Menezes (contato 1) no IXC: nada foi "
        "criado.")
    assert _ixc_inserts(backends) == []


async def test_ixc_refusing_the_lead_is_said_and_the_agent_can_try_again(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    _configure(ramal, "lead_ixc")
    popup = await _ring(ramal, "x1", UNKNOWN)
    bar = popup.new_contact
    bar.name.setText("Ana")
    backends.ixc.set_faults(json_error="Preencha Cidade", writes_only=True, tables=["contato"])
    bar.register_button.click()
    await until(lambda: ramal.lead_contacts.results.get("x1"))
    assert ramal.lead_contacts.results["x1"] is LeadOutcome.FAILED
    assert bar.status.text() == ("O lead não foi cadastrado no IXC: O IXC recusou a operação "
                                 "em contato: Preencha Cidade")
    assert bar.register_button.isEnabled()
    backends.ixc.clear_faults()
    del ramal.lead_contacts.results["x1"]
    bar.register_button.click()
    await until(lambda: ramal.lead_contacts.results.get("x1"))
    assert ramal.lead_contacts.results["x1"] is LeadOutcome.CREATED


async def test_lead_ixc_is_not_offered_without_ixc_or_when_ixc_knows_the_caller(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, _backends = desk
    _configure(ramal, "lead_ixc")
    known = await _ring(ramal, "k2", KNOWN)
    assert not known.new_contact.isVisible() and known.card.record is not None
    extension = await _ring(ramal, "e2", "2001")
    assert not extension.new_contact.isVisible()
    ramal.settings_source.replace(dataclasses.replace(
        ramal.settings, ixc=IxcSettings(url="")))                  # IXC not configured
    unknown = await _ring(ramal, "u2", UNKNOWN)
    assert not unknown.new_contact.isVisible()
