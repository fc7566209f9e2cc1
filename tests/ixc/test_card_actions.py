"""The card's actions through the real client against the simulator: every action, every
refusal, every answer shape, and the timeout that must not become a second unlock."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest

from desktop.demo.simulators.ixc import DEMO_TOKEN, SimulatorHandle, start_simulator
from desktop.demo.simulators.ixc_seed import build_seed
from desktop.ixc import actions, payments
from desktop.ixc.card_actions import (
    ActionKind,
    ActionOutcome,
    attendance_note,
    perform,
    state_after_timeout,
)
from desktop.ixc.client import IxcClient
from desktop.ixc.diagnostics import SignalThresholds, SignalVerdict, onu_signal, verdict
from desktop.ixc.errors import IxcAuthError, IxcHtmlError, IxcTimeoutError
from desktop.ixc.pix_emv import check_br_code, crc16_ccitt, parse_fields
from desktop.ixc.service_order_open import NewServiceOrder

TODAY = date(2026, 3, 10)


@pytest.fixture
def sim() -> Iterator[SimulatorHandle]:
    handle = start_simulator("127.0.0.1", 0, data=build_seed(TODAY))
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
async def client(sim: SimulatorHandle) -> AsyncIterator[IxcClient]:
    c = IxcClient(sim.url, DEMO_TOKEN, timeout_s=5.0)
    try:
        yield c
    finally:
        await c.aclose()


def contract_of(sim: SimulatorHandle, customer: int) -> dict[str, str]:
    return next(r for r in sim.tables["cliente_contrato"] if r["id_cliente"] == str(customer))


def open_invoice(sim: SimulatorHandle, customer: int) -> dict[str, str]:
    return next(r for r in sim.tables["fn_areceber"]
                if r["id_cliente"] == str(customer) and r["status"] == "A")


def login_of(sim: SimulatorHandle, customer: int) -> dict[str, str]:
    return next(r for r in sim.tables["radusuarios"] if r["id_cliente"] == str(customer))


def posted(sim: SimulatorHandle, resource: str) -> int:
    return sum(1 for r in sim.requests if r.table == resource and not r.listing)


# --- PIX ------------------------------------------------------------------------------------


def test_crc16_known_vector() -> None:
    # CRC-16/CCITT-FALSE check value of "123456789"
    assert crc16_ccitt(b"123456789") == 0x29B1


@pytest.mark.parametrize("variant", ["", "flat"], ids=["nested", "flat"])
async def test_pix_is_a_real_br_code(client: IxcClient, sim: SimulatorHandle,
                                     variant: str) -> None:
    sim.set_faults(action_variant=variant)
    invoice = open_invoice(sim, 102)
    outcome = await perform(client, ActionKind.PIX, int(invoice["id"]))
    code = outcome.data["copia_e_cola"]
    assert outcome.ok and code.startswith("000201") and code != invoice["pix_txid"]
    assert f"{crc16_ccitt(code[:-4].encode()):04X}" == code[-4:]
    fields = parse_fields(code)
    assert fields is not None and fields["54"] == invoice["valor_aberto"]
    assert invoice["pix_txid"] in code          # the txid rides inside field 62


async def test_pix_refusals_and_empty(client: IxcClient, sim: SimulatorHandle) -> None:
    paid = next(r for r in sim.tables["fn_areceber"] if r["status"] == "R")
    refused = await payments.get_pix(client, int(paid["id"]))
    assert not refused.ok and "já foi recebida" in refused.message
    missing = await payments.get_pix(client, 999999)
    assert not missing.ok and "não encontrada" in missing.message
    invoice = open_invoice(sim, 101)
    invoice["id_carteira_cobranca"] = "9"
    empty = await payments.get_pix(client, int(invoice["id"]))
    assert not empty.ok and "não devolveu código PIX" in empty.message


def test_pix_shapes_parsed_defensively() -> None:
    good = "00020101021226300014br.gov.bcb.pix0108chave123520400005303986540510.005802BR"
    good += "5901X6001Y62070503***6304"
    good += f"{crc16_ccitt(good.encode()):04X}"
    assert check_br_code(good) is not None
    for shape in ({"pix": {"qrCode": {"qrcode": good}}}, [{"type": "success", "qrcode": good}],
                  {"dados": {"copia_e_cola": good}}, {"x": ["lixo", good]}):
        assert payments.pix_result(shape).copia_e_cola == good
    broken = good[:-4] + ("0000" if good[-4:] != "0000" else "1111")
    assert not payments.pix_result({"pix": {"qrCode": {"qrcode": broken}}}).ok
    assert "CRC" in payments.pix_result({"pix": {"qrCode": {"qrcode": broken}}}).message
    assert not payments.pix_result({"type": "success", "pix": ""}).ok
    assert not payments.pix_result("texto").ok


# --- boleto ---------------------------------------------------------------------------------


@pytest.mark.parametrize("variant", ["", "text", "pdf"], ids=["json", "raw-text", "pdf-bytes"])
async def test_boleto_pdf_and_refreshed_line(client: IxcClient, sim: SimulatorHandle,
                                             variant: str) -> None:
    sim.set_faults(action_variant=variant)
    invoice = open_invoice(sim, 104)
    invoice["linha_digitavel"], invoice["impresso"] = "", "N"   # not generated yet
    outcome = await perform(client, ActionKind.BOLETO, int(invoice["id"]))
    assert outcome.ok and outcome.pdf.startswith(b"%PDF") and outcome.pdf.rstrip().endswith(
        b"%%EOF")
    assert outcome.data["linha_digitavel"] == invoice["linha_digitavel"] != ""
    assert invoice["impresso"] == "S"


def test_boleto_answers() -> None:
    pdf = b"%PDF-1.4 x"
    assert payments.boleto_pdf(base64.b64encode(pdf)) == pdf
    assert payments.boleto_pdf(b'"' + base64.b64encode(pdf) + b'"') == pdf
    assert payments.boleto_pdf(b'{"arquivo": "data:application/pdf;base64,'
                               + base64.b64encode(pdf) + b'"}') == pdf
    refusal = payments.boleto_pdf(b'{"type":"error","message":"Boleto n\\u00e3o encontrado!"}')
    assert refusal == "Boleto não encontrado!"
    assert isinstance(payments.boleto_pdf(b"bom dia"), str)


async def test_boleto_refused_and_html_box(client: IxcClient, sim: SimulatorHandle) -> None:
    missing = await perform(client, ActionKind.BOLETO, 999999)
    assert not missing.ok and missing.message == "Boleto não encontrado!"
    sim.set_faults(html_error=True, tables=["get_boleto"])
    with pytest.raises(IxcHtmlError):
        await perform(client, ActionKind.BOLETO, int(open_invoice(sim, 104)["id"]))


# --- unlock and temporary release -----------------------------------------------------------


async def test_unlock_then_contract_reads_unlocked(client: IxcClient,
                                                   sim: SimulatorHandle) -> None:
    contract = contract_of(sim, 102)
    done = await perform(client, ActionKind.UNLOCK, int(contract["id"]))
    assert done.ok and contract["status_internet"] == "A"
    assert await actions.trust_unlock_state(client, int(contract["id"]))


@pytest.mark.parametrize("as_list", [False, True], ids=["object", "list"])
async def test_unlock_refusals_explained(client: IxcClient, sim: SimulatorHandle,
                                         as_list: bool) -> None:
    sim.set_faults(action_as_list=as_list)
    used = await perform(client, ActionKind.UNLOCK, int(contract_of(sim, 103)["id"]))
    assert (used.ok, used.code) == (False, "113") and "já usou" in used.message
    missing = await perform(client, ActionKind.UNLOCK, 999999)
    assert missing.code == "106" and "não encontrado" in missing.message
    inactive = await perform(client, ActionKind.UNLOCK, int(contract_of(sim, 112)["id"]))
    assert inactive.code == "109" and "inativo" in inactive.message
    contract = contract_of(sim, 102)
    assert (await perform(client, ActionKind.UNLOCK, int(contract["id"]))).ok
    again = await perform(client, ActionKind.UNLOCK, int(contract["id"]))
    assert again.code == "107" and "já está ativo" in again.message


async def test_temporary_release(client: IxcClient, sim: SimulatorHandle) -> None:
    contract = contract_of(sim, 102)
    done = await perform(client, ActionKind.TEMPORARY_RELEASE, int(contract["id"]))
    assert done.ok and "72 horas" in done.message and contract["status_internet"] == "A"
    again = await perform(client, ActionKind.TEMPORARY_RELEASE, int(contract["id"]))
    assert not again.ok and "já realizada" in again.message
    active = await perform(client, ActionKind.TEMPORARY_RELEASE,
                           int(contract_of(sim, 101)["id"]))
    assert not active.ok and "não está bloqueado" in active.message


async def test_timed_out_unlock_is_read_back_not_resent(sim: SimulatorHandle) -> None:
    """IXC applied the unlock but answered after the client gave up: the state check finds it,
    and no second desbloqueio_confianca is ever posted."""
    contract = contract_of(sim, 102)
    sim.set_faults(answer_delay_ms=1500, tables=["desbloqueio_confianca"])
    async with IxcClient(sim.url, DEMO_TOKEN, timeout_s=0.4) as impatient:
        with pytest.raises(IxcTimeoutError):
            await perform(impatient, ActionKind.UNLOCK, int(contract["id"]))
        checked = await state_after_timeout(impatient, ActionKind.UNLOCK, int(contract["id"]),
                                            TODAY)
    assert checked is not None and checked.ok and checked.checked_after_timeout
    assert posted(sim, "desbloqueio_confianca") == 1


async def test_timed_out_unlock_not_applied_offers_retry(sim: SimulatorHandle) -> None:
    contract = contract_of(sim, 102)
    sim.set_faults(slow_ms=1500, tables=["desbloqueio_confianca"])   # slow before doing it
    async with IxcClient(sim.url, DEMO_TOKEN, timeout_s=0.4) as impatient:
        with pytest.raises(IxcTimeoutError):
            await perform(impatient, ActionKind.UNLOCK, int(contract["id"]))
        checked = await state_after_timeout(impatient, ActionKind.UNLOCK, int(contract["id"]),
                                            TODAY)
    assert checked is None   # nothing done yet: only now may the agent try again


# --- login actions and diagnostics ----------------------------------------------------------


async def test_sessions_of_offline_login(client: IxcClient, sim: SimulatorHandle) -> None:
    login = login_of(sim, 105)
    outcome = await perform(client, ActionKind.SESSIONS, int(login["id"]))
    sessions = outcome.data["sessions"]
    assert outcome.ok and len(sessions) == 4 and outcome.data["login"] == login["login"]
    assert all(s["end"] and s["terminate_cause"] and s["ip"] for s in sessions)
    assert sessions[0]["start"] > sessions[1]["start"]      # newest first
    assert all(s["end"] < "2026-03-10 23:59" for s in sessions)
    missing = await perform(client, ActionKind.SESSIONS, 999999)
    assert not missing.ok and "não encontrado" in missing.message


async def test_onu_signal_verdicts(client: IxcClient, sim: SimulatorHandle) -> None:
    bad = await perform(client, ActionKind.ONU, int(login_of(sim, 105)["id"]))
    assert bad.ok and bad.data["rx_dbm"] == -29.87 and bad.data["verdict"] == "bad"
    good = await perform(client, ActionKind.ONU, int(login_of(sim, 101)["id"]))
    assert good.data["verdict"] == "good"
    lenient = SignalThresholds(rx_min=-31.0)
    signal = await onu_signal(client, int(login_of(sim, 105)["id"]), lenient)
    assert signal is not None and signal.verdict is SignalVerdict.GOOD
    none = await perform(client, ActionKind.ONU, 999999)
    assert not none.ok


def test_verdict_table() -> None:
    limits = SignalThresholds()
    assert verdict(Decimal("-20"), Decimal("2"), limits) is SignalVerdict.GOOD
    assert verdict(Decimal("-28"), None, limits) is SignalVerdict.BAD
    assert verdict(Decimal("-7"), Decimal("2"), limits) is SignalVerdict.BAD
    assert verdict(None, Decimal("6"), limits) is SignalVerdict.BAD
    assert verdict(None, None, limits) is SignalVerdict.UNKNOWN


async def test_disconnect_and_clear_mac(client: IxcClient, sim: SimulatorHandle) -> None:
    login = login_of(sim, 101)
    done = await perform(client, ActionKind.DISCONNECT, int(login["id"]))
    assert done.ok and login["online"] == "N"
    again = await perform(client, ActionKind.DISCONNECT, int(login["id"]))
    assert not again.ok and "não está conectado" in again.message
    cleared = await perform(client, ActionKind.CLEAR_MAC, int(login["id"]))
    assert cleared.ok and login["mac"] == ""
    assert not (await perform(client, ActionKind.CLEAR_MAC, int(login["id"]))).ok
    body = next(r.body for r in sim.requests if r.table == "radusuarios_25452")
    assert body == {"get_id": login["id"]}


# --- service order --------------------------------------------------------------------------


async def test_open_service_order_is_listed(client: IxcClient, sim: SimulatorHandle) -> None:
    login = login_of(sim, 105)
    order = NewServiceOrder(customer_id=105, subject_id=1, sector_id=1,
                            contract_id=int(login["id_contrato"]), login_id=int(login["id"]),
                            priority="A", description="Sem conexão; ONU com sinal -29,87 dBm.",
                            visit=datetime(2026, 3, 11, 14, 0))
    outcome = await perform(client, ActionKind.SERVICE_ORDER, 105, order=order)
    assert outcome.ok and outcome.data["order_id"] and outcome.data["protocol"]
    row = next(r for r in sim.tables["su_oss_chamado"] if r["id"] == outcome.data["order_id"])
    assert (row["status"], row["prioridade"], row["id_login"], row["data_agenda"]) == (
        "AG", "A", login["id"], "2026-03-11 14:00:00")
    found = await state_after_timeout(client, ActionKind.SERVICE_ORDER, 105, TODAY, order)
    assert found is not None and found.data["order_id"] == outcome.data["order_id"]
    refused = await perform(client, ActionKind.SERVICE_ORDER, 105, order=NewServiceOrder(
        customer_id=105, subject_id=0, description="x"))
    assert not refused.ok and "Preencha Assunto" in refused.message


def test_attendance_notes() -> None:
    at = datetime(2026, 3, 10, 14, 3)
    assert attendance_note(ActionOutcome(ActionKind.UNLOCK, True, "ok"), at) == (
        "Desbloqueio de confiança concedido às 14:03")
    opened = ActionOutcome(ActionKind.SERVICE_ORDER, True, "ok", data={"order_id": "4812"})
    assert attendance_note(opened, at) == "OS 4812 aberta às 14:03"
    refused = attendance_note(ActionOutcome(ActionKind.UNLOCK, False, "já usou", "113"), at)
    assert "recusado" in refused and "já usou" in refused


async def test_token_refused(sim: SimulatorHandle) -> None:
    async with IxcClient(sim.url, "1:errado") as wrong:
        with pytest.raises(IxcAuthError):
            await perform(wrong, ActionKind.BOLETO, 1)
        with pytest.raises(IxcAuthError):
            await perform(wrong, ActionKind.UNLOCK, 1)
