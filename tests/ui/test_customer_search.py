"""Manual search in the desk: the popup's search box (no match, "Buscar outro cliente…"), the
number's pick list, and the "Clientes" tab — the real RamalApp and IxcService against the IXC
simulator over a socket. The customer the agent chooses is the call's customer in the history
and in the attendance log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall
from desktop.ui.ring_popup import PAGE_CARD, PAGE_PICK, PAGE_SEARCH, RingPopup
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import until
from tests.ui.records import HOSTILE_NAMES

UNKNOWN = DEMO_NUMBERS["desconhecido"].number
FAMILY = DEMO_NUMBERS["familia"].number
EM_DIA = DEMO_NUMBERS["em_dia"].number


def ring(ramal: DeskUnderTest, call_id: str, number: str) -> RingPopup:
    ramal.handle_event(IncomingCall(call_id, number, "", False, False, f"<sip:{number}@x>"))
    return ramal.popups[call_id]


def customer_row(backends: DemoBackends, cid: int) -> dict[str, str]:
    return next(r for r in backends.ixc.tables["cliente"] if r["id"] == str(cid))


def history_customer(ramal: DeskUnderTest, call_id: str) -> str:
    assert ramal.history is not None
    rows = ramal.history.calls(limit=50)
    return next(r.customer_name for r in rows if r.id == ramal.history_ids[call_id])


def type_and_search(qtbot: QtBot, box: object, text: str) -> None:
    query = box.query  # type: ignore[attr-defined]
    query.clear()
    QTest.keyClicks(query, text)
    QTest.keyClick(query, Qt.Key.Key_Return)


async def test_no_match_search_pick_and_the_card_fills_in(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    popup = ring(ramal, "c1", UNKNOWN)
    await until(lambda: popup.lookup_finished and "c1" not in ramal.lookups)
    assert popup.page() == PAGE_SEARCH
    assert popup.search.query.isEnabled() and popup.search.button.isEnabled()

    type_and_search(qtbot, popup.search, "maria silva")
    assert popup.search.status.text() == "Buscando no IXC…"
    await until(lambda: popup.search.results.isVisible())
    ids = popup.search.results.customer_ids()
    maria = customer_row(backends, 101)
    assert 101 in ids
    item = popup.search.results.list.item(ids.index(101)).text().splitlines()
    assert item[0] == maria["razao"]
    assert item[1].startswith("***.") and item[1] != maria["cnpj_cpf"]   # CPF masked (LGPD)

    labels: list[str] = []
    seen: list[bool] = []
    original = popup.show_record

    def spy(record):  # type: ignore[no-untyped-def]
        seen.append(record.complete)
        labels.append(popup.lookup_label.text())
        original(record)

    popup.show_record = spy  # type: ignore[method-assign]
    popup.search.results.customer_chosen.emit(101)
    await until(lambda: "record:c1" not in ramal.searches)
    # identity first with every section pending, then section by section, then complete
    assert seen[0] is False and seen[-1] is True and len(seen) >= 3
    assert popup.page() == PAGE_CARD
    assert popup.card.record is not None and popup.card.record.customer.id == 101
    assert popup.lookup_label.text() == "Cliente escolhido na busca"
    assert history_customer(ramal, "c1") == maria["razao"]

    # the chosen customer is the one the attendance log is about
    ramal.handle_event(CallStateChanged("c1", "answered"))
    ramal.handle_event(CallEnded("c1", "completed", duration_s=30.0))
    dialog = ramal.log_dialogs["c1"]
    assert dialog.customer is not None and dialog.customer.customer_id == "101"
    dialog.close()


async def test_search_text_errors_and_ixc_errors_are_shown_in_the_box(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    popup = ring(ramal, "c2", UNKNOWN)
    await until(lambda: popup.page() == PAGE_SEARCH and popup.lookup_finished)
    requests = len(backends.ixc.requests)
    type_and_search(qtbot, popup.search, "529.982.247-26")     # wrong check digits
    await until(lambda: "search:c2" not in ramal.searches)
    assert popup.search.status.text() == "CPF inválido: confira os dígitos."
    assert popup.search.results.isHidden()
    assert len(backends.ixc.requests) == requests              # no request was made

    type_and_search(qtbot, popup.search, "zzzz inexistente")
    await until(lambda: "search:c2" not in ramal.searches)
    assert popup.search.status.text() == "Nenhum cliente encontrado."

    type_and_search(qtbot, popup.search, "maria")              # results, then a failure
    await until(lambda: not popup.search.results.isHidden())
    backends.ixc.set_faults(unauthorized=True)                 # the token is refused
    type_and_search(qtbot, popup.search, "maria")
    await until(lambda: "search:c2" not in ramal.searches)
    assert "token" in popup.search.status.text().lower()
    assert popup.search.results.isHidden()                     # no stale results under it
    backends.ixc.clear_faults()
    type_and_search(qtbot, popup.search, "maria")
    await until(lambda: not popup.search.results.isHidden())
    backends.ixc.set_faults(error_500=True, tables=frozenset({"cliente"}))
    popup.search.results.customer_chosen.emit(popup.search.results.customer_ids()[0])
    await until(lambda: "record:c2" not in ramal.searches)
    assert popup.page() == PAGE_SEARCH and popup.search.status.text()
    assert popup.search.status.text().startswith("O servidor do IXC falhou (HTTP 500)")


async def test_family_pick_list_sets_the_calls_customer(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, backends = desk
    popup = ring(ramal, "c3", FAMILY)
    await until(lambda: "c3" not in ramal.lookups and popup.lookup_finished)
    assert popup.page() == PAGE_PICK and popup.pick.customer_ids() == [108, 109, 110]
    assert history_customer(ramal, "c3") == ""                 # nobody chosen yet
    popup.pick.customer_chosen.emit(109)
    assert popup.page() == PAGE_CARD and popup.current_customer_id() == 109
    assert history_customer(ramal, "c3") == customer_row(backends, 109)["razao"]
    # "Buscar outro cliente…" from the card, and back to the number's list
    assert popup.search_other.isVisible()
    popup.search_other.click()
    assert popup.page() == PAGE_SEARCH and popup.back_to_list.isVisible()
    popup.back_to_list.click()
    assert popup.page() == PAGE_PICK


async def test_the_number_matched_someone_else_the_agent_searches_instead(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    popup = ring(ramal, "c4", EM_DIA)
    await until(lambda: popup.page() == PAGE_CARD and popup.search_other.isVisible())
    popup.search_other.click()          # perhaps before the lookup finished: it must not return
    type_and_search(qtbot, popup.search, customer_row(backends, 105)["cnpj_cpf"])
    await until(lambda: popup.search.results.customer_ids() == [105])
    popup.search.results.customer_chosen.emit(105)
    await until(lambda: "record:c4" not in ramal.searches and "c4" not in ramal.lookups)
    assert popup.current_customer_id() == 105 and popup.page() == PAGE_CARD
    assert history_customer(ramal, "c4") == customer_row(backends, 105)["razao"]


async def test_clientes_tab_searches_and_shows_the_record(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    box = ramal.window.search
    assert box.query.isEnabled() and box.query.toolTip() == ""
    type_and_search(qtbot, box, "martins rocha")
    await until(lambda: not box.results.isHidden())
    family = {108, 109, 110}
    assert family <= set(box.results.customer_ids())
    box.results.customer_chosen.emit(110)
    await until(lambda: "record:window" not in ramal.searches)
    record = ramal.window.card.record
    assert record is not None and record.customer.id == 110 and record.complete
    assert ramal.window.card.name_label.text() == customer_row(backends, 110)["razao"]


async def test_hostile_names_in_results_are_plain_text(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    template = customer_row(backends, 101)
    for n, name in enumerate(HOSTILE_NAMES):
        backends.ixc.tables["cliente"].append(
            dict(template, id=str(900 + n), razao=f"Hostil {name}"))
    box = ramal.window.search
    type_and_search(qtbot, box, "hostil")
    await until(lambda: not box.results.isHidden())
    ids = box.results.customer_ids()
    assert sorted(ids) == [900 + n for n in range(len(HOSTILE_NAMES))]
    for row, cid in enumerate(ids):
        text = box.results.list.item(row).text().splitlines()[0]
        name = HOSTILE_NAMES[cid - 900]
        if len(name) < 60:   # short ones are shown as typed, tags and entities included
            assert text == f"Hostil {name}"
        else:                # 5000 letters: clipped
            assert len(text) <= 81 and text.startswith("Hostil AAA")
    box.results.customer_chosen.emit(901)     # '<img src="file:///etc/passwd">'
    await until(lambda: "record:window" not in ramal.searches)
    label = ramal.window.card.name_label
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == 'Hostil <img src="file:///etc/passwd">'


async def test_without_ixc_the_search_is_disabled_with_the_reason(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _ = desk
    ramal.ixc = None
    popup = ring(ramal, "c5", UNKNOWN)
    assert not popup.search.query.isEnabled()
    assert "IXC não configurado" in popup.search.query.toolTip()
    assert popup.lookup_label.text() == "IXC indisponível: IXC não configurado"
