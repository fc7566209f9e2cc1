"""The ring path's IXC lookup inside RamalApp, offscreen, against the IXC simulator: the desk
warms the service up at start (reference tables + phone index), so a ringing number the index
knows costs no live search, and the card shows the complete record."""

from __future__ import annotations

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.sip.events import IncomingCall
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import until

PHONE = DEMO_NUMBERS["em_dia"].number


async def test_the_desk_builds_the_phone_index_at_start_so_a_ring_needs_no_search(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, backends = desk
    index = ramal.ixc.index
    await until(lambda: index.last_update is not None)
    await ramal.ixc.idle()
    log = backends.ixc.state.log
    # the attendance dialog's caches load at start too (subjects, then ticket sectors): let
    # them go out first, they are not the ring's requests
    await until(lambda: any(r.table == "su_ticket_setor" for r in list(log)))
    before = len(log)
    completed: list[str] = []
    ramal.card_completed.connect(lambda cid, _t: completed.append(cid))
    ramal.handle_event(IncomingCall("w1", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    await until(lambda: completed == ["w1"])
    popup = ramal.popups["w1"]
    assert popup.card.record is not None and popup.card.record.complete
    assert popup.card.name_label.text() == "Maria Aparecida da Silva"
    requests = [(r.table, r.body.get("oper", "")) for r in list(log)[before:]]
    # one customer read by id and the five sections; no LIKE search, no reference table
    assert ("cliente", "L") not in requests
    assert sorted(t for t, _ in requests) == sorted(
        ["cliente", "cliente_contrato", "su_oss_chamado", "fn_areceber", "radusuarios",
         "su_ticket"])
