"""A protocol reserved in IXC before its ticket (issue 16): ``gerar_protocolo_atendimento`` in its
three answer shapes, IXC's errors, hostile answers refused; the simulator numbering from its
injected clock and keeping the ``protocolo`` an insert carries. Real HTTP over loopback."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from datetime import datetime

import httpx
import pytest

from desktop.demo.simulators.ixc import DEMO_TOKEN, SimulatorHandle, start_simulator
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import (
    IxcApiError,
    IxcAuthError,
    IxcBadResponseError,
    IxcError,
    IxcHtmlError,
    IxcResponseTooLargeError,
    IxcServerError,
    IxcWrongUrlError,
)
from desktop.ixc.protocol_reservation import RESOURCE, is_valid_protocol, reserve_protocol
from desktop.ixc.tickets import IxcTickets

JULY = datetime(2026, 7, 15, 9, 30)


@pytest.fixture
def july_sim() -> Iterator[SimulatorHandle]:
    """The simulator on a fixed clock: protocols are 202607 + a sequence."""
    handle = start_simulator("127.0.0.1", 0, clock=lambda: JULY)
    try:
        yield handle
    finally:
        handle.stop()


@pytest.fixture
async def july_client(july_sim: SimulatorHandle) -> AsyncIterator[IxcClient]:
    c = IxcClient(july_sim.url, DEMO_TOKEN, timeout_s=5.0)
    try:
        yield c
    finally:
        await c.aclose()


@pytest.mark.parametrize("shape", ["object", "number", "string", "text"])
async def test_every_answer_shape_gives_the_protocol(
        july_sim: SimulatorHandle, july_client: IxcClient, shape: str) -> None:
    july_sim.set_faults(protocol_shape=shape)
    first = await reserve_protocol(july_client)
    second = await reserve_protocol(july_client)
    assert (first, second) == ("202607000001", "202607000002")
    assert july_sim.reserved_protocols == [first, second]
    reservations = [r for r in july_sim.requests if r.table == RESOURCE]
    assert [(r.method, r.listing) for r in reservations] == [("POST", False)] * 2


async def test_the_reservation_stores_nothing_and_skips_numbers_in_use(
        july_sim: SimulatorHandle, july_client: IxcClient) -> None:
    tickets_before = len(july_sim.tables["su_ticket"])
    july_sim.insert("su_ticket", {"protocolo": "202607000001", "id_cliente": "101"})
    assert await IxcTickets(july_client).reserve_protocol() == "202607000002"
    assert len(july_sim.tables["su_ticket"]) == tickets_before + 1    # only the row put here


def test_the_simulator_answers_get_too_and_logs_it(july_sim: SimulatorHandle) -> None:
    user, _, secret = DEMO_TOKEN.partition(":")
    answer = httpx.get(f"{july_sim.url}/webservice/v1/{RESOURCE}", auth=(user, secret),
                       headers={"ixcsoft": "inserir"})
    assert answer.json()["protocolo"] == "202607000001"
    log = httpx.get(f"{july_sim.url}/_sim/log").json()["requests"]
    assert [(e["method"], e["table"], e["listing"]) for e in log] == [("GET", RESOURCE, False)]


async def test_an_insert_keeps_the_protocol_it_carries(
        july_sim: SimulatorHandle, july_client: IxcClient) -> None:
    protocol = await reserve_protocol(july_client)
    ticket_id = await july_client.insert("su_ticket", {
        "tipo": "C", "id_cliente": "101", "id_assunto": "1", "titulo": "Ligação",
        "menssagem": "Sem internet", "id_ticket_setor": "1", "protocolo": protocol})
    [row] = [t for t in july_sim.tables["su_ticket"] if t["id"] == ticket_id]
    assert row["protocolo"] == protocol
    # without one, IXC numbers the ticket itself (not from the reservation counter)
    other = await july_client.insert("su_ticket", {
        "tipo": "C", "id_cliente": "101", "id_assunto": "1", "titulo": "Ligação",
        "menssagem": "Outra", "id_ticket_setor": "1"})
    [row] = [t for t in july_sim.tables["su_ticket"] if t["id"] == other]
    assert row["protocolo"] and row["protocolo"] != protocol
    assert july_sim.reserved_protocols == [protocol]


@pytest.mark.parametrize(("faults", "error", "text"), [
    ({"json_error": "Usuário sem permissão"}, IxcApiError, "Usuário sem permissão"),
    ({"html_error": True}, IxcHtmlError, "Ocorreu um erro ao processar"),
    ({"error_500": True}, IxcServerError, "HTTP 500"),
    ({"unauthorized": True}, IxcAuthError, "HTTP 401"),
    ({"protocol_body": "<!DOCTYPE html><html><body>login</body></html>"}, IxcWrongUrlError,
     "página HTML"),
])
async def test_ixc_errors_are_typed_and_said_in_portuguese(
        july_sim: SimulatorHandle, july_client: IxcClient, faults: dict[str, object],
        error: type[IxcError], text: str) -> None:
    july_sim.set_faults(tables=frozenset({RESOURCE}), **faults)
    with pytest.raises(error) as raised:
        await reserve_protocol(july_client)
    assert text in raised.value.message


@pytest.mark.parametrize("body", [
    "<b>Fatal error</b>: Call to undefined function gerar()",     # PHP's error, bare
    "2026 07581218",                                               # a space inside
    "AT-2026;DROP TABLE su_ticket",                                # junk around digits
    "2026075812180000000000000000000000000000001",                 # 43 characters
    "9" * 100_000,                                                 # huge, under the size cap
    "  \n", "null", "true", "0", "-5", "1.5", "[]", '["202607581218"]',
    '[{"protocolo": "202607581218"}]',                             # not one of the 3 shapes
    '{"type": "success", "message": "Acao executada com sucesso"}',  # no protocolo
    '{"type": "success", "protocolo": ""}',
    '{"type": "success", "protocolo": null}',
    '{"type": "success", "protocolo": ["202607581218"]}',
    '{"type": "success", "protocolo": "2026\\n07581218"}',
    '"protocolo ação"',
    '"２０２６０７"',                                              # full-width digits
])
async def test_hostile_answers_are_refused(july_sim: SimulatorHandle, july_client: IxcClient,
                                           body: str) -> None:
    july_sim.set_faults(protocol_body=body)
    with pytest.raises(IxcBadResponseError) as raised:
        await reserve_protocol(july_client)
    assert RESOURCE in raised.value.message
    assert len(raised.value.message) < 300     # never the whole answer


async def test_a_body_past_the_size_cap_is_not_read(july_sim: SimulatorHandle) -> None:
    july_sim.set_faults(protocol_body="1" * 20_000)
    async with IxcClient(july_sim.url, DEMO_TOKEN, timeout_s=5.0,
                         max_body_bytes=4096) as small:
        with pytest.raises(IxcResponseTooLargeError):
            await reserve_protocol(small)


@pytest.mark.parametrize(("body", "protocol"), [
    ("  202607581218\n", "202607581218"),                         # bare text, with blanks
    ('"AT-2026-1"', "AT-2026-1"),                                 # letters and dashes
    ('{"type":"success","protocolo":202607581219}', "202607581219"),
    ("x" * 40, "x" * 40),
])
async def test_what_a_protocol_may_be(july_sim: SimulatorHandle, july_client: IxcClient,
                                      body: str, protocol: str) -> None:
    july_sim.set_faults(protocol_body=body)
    assert await reserve_protocol(july_client) == protocol
    assert is_valid_protocol(protocol)


async def test_a_php_notice_before_the_object_is_tolerated(
        july_sim: SimulatorHandle, july_client: IxcClient) -> None:
    july_sim.set_faults(php_notice=True, tables=frozenset({RESOURCE}))
    assert await reserve_protocol(july_client) == "202607000001"
    july_sim.set_faults(protocol_shape="number")      # a notice then bare digits: refused
    with pytest.raises(IxcBadResponseError):
        await reserve_protocol(july_client)


def test_the_faults_pick_the_shape_over_http(july_sim: SimulatorHandle) -> None:
    httpx.post(f"{july_sim.url}/_sim/faults", json={"protocol_shape": "string"})
    user, _, secret = DEMO_TOKEN.partition(":")
    answer = httpx.post(f"{july_sim.url}/webservice/v1/{RESOURCE}", json={},
                        auth=(user, secret))
    assert json.loads(answer.text) == "202607000001"
