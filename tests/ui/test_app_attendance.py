"""RamalApp's attendance wiring, offscreen, with the real services on the demo's simulators and a
recording engine standing in for pjsua2 (the real engine runs in tests/ui/test_desk_xvfb.py):
popup buttons, the log dialog opened when an answered call ends, the tray count, the history
row action, the "Envios" tab and the forward dialog's transfer reaching the engine."""

from __future__ import annotations

import asyncio

from pytestqt.qtbot import QtBot

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.sip.events import CallEnded, CallStateChanged, IncomingCall
from desktop.store.outbox import OutboxState
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import RecordingEngine, until

PHONE = DEMO_NUMBERS["em_dia"].number


async def test_an_answered_call_asks_for_its_attendance_and_counts_until_logged(
        desk: tuple[DeskUnderTest, DemoBackends], qtbot: QtBot) -> None:
    ramal, backends = desk
    tabs = ramal.window.tabs
    assert "Envios" in [tabs.tabText(i) for i in range(tabs.count())]
    ramal.handle_event(IncomingCall("c1", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    popup = ramal.popups["c1"]
    assert not popup.log_button.isEnabled()
    await until(lambda: "c1" not in ramal.lookups and popup.card.record is not None)
    ramal.handle_event(CallStateChanged("c1", "answered"))
    assert popup.log_button.isEnabled() and popup.forward_button.isEnabled()

    # "Encaminhar" during the call: the transfer goes to the engine as a blind transfer
    popup.forward_button.click()
    [forward] = list(ramal.attendance.dialogs)
    assert forward.choose_sector("Financeiro")
    assert forward.transfer_box.isEnabled()
    forward.discord_box.setChecked(False)
    forward.opa_box.setChecked(False)
    forward.transfer_box.setChecked(True)
    forward.forward_button.click()
    engine = ramal.engine
    assert isinstance(engine, RecordingEngine)
    await until(lambda: ("blind_transfer", ("c1", "802")) in engine.commands)
    forward.close()

    ramal.handle_event(CallEnded("c1", "completed", duration_s=42.0))
    dialog = ramal.log_dialogs["c1"]
    assert dialog.isVisible() and dialog.customer is not None
    assert dialog.customer.name == "Maria Aparecida da Silva"
    assert ramal.not_logged == 1 and ramal.tray.not_logged == 1
    # the agent closes it: the call stays to be logged
    dialog.close()
    await asyncio.sleep(0)
    assert "c1" not in ramal.log_dialogs and ramal.not_logged == 1

    # later, from the history row
    history = ramal.window.history
    hid = ramal.history_ids["c1"]
    assert history.select_history_id(hid) and history.log_button.isEnabled()
    history.log_button.click()
    [later] = [d for d in ramal.attendance.dialogs if hasattr(d, "subject_search")]
    assert later.choose_subject("2")
    later.description.setPlainText("Lentidão à noite; reiniciou o roteador.")
    later.register_button.click()
    await until(lambda: later.state_label.text() == "enviado")
    assert later.sent_protocol
    assert [t for t in backends.ixc.tables["su_ticket"]
            if t.get("protocolo") == later.sent_protocol]
    await until(lambda: ramal.not_logged == 0)
    assert "sem registro" not in ramal.tray.icon.toolTip()
    view = ramal.outbox_view
    assert view is not None and later.item_id is not None
    assert view.item_state(later.item_id) is OutboxState.SENT


async def test_a_call_never_answered_opens_nothing(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _ = desk
    ramal.handle_event(IncomingCall("c2", PHONE, "", False, False, f"<sip:{PHONE}@x>"))
    ramal.handle_event(CallEnded("c2", "missed"))
    assert not ramal.log_dialogs and not ramal.attendance.dialogs
    assert ramal.not_logged == 0 and ramal.missed == 1


async def test_a_call_answered_on_another_device_waits_for_its_log_with_an_editable_duration(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, backends = desk
    ramal.handle_event(IncomingCall("c9", PHONE, "MARIA", False, False, f"<sip:{PHONE}@x>"))
    await until(lambda: "c9" not in ramal.lookups)
    ramal.handle_event(CallEnded("c9", "answered_elsewhere", duration_s=0.0))
    # not opened by itself (the agent is on the desk phone), but counted as not logged
    assert "c9" not in ramal.log_dialogs
    assert ramal.not_logged == 1 and ramal.tray.not_logged == 1
    history = ramal.window.history
    assert history.select_history_id(ramal.history_ids["c9"]) and history.log_button.isEnabled()
    history.log_button.click()
    [dialog] = [d for d in ramal.attendance.dialogs if hasattr(d, "subject_search")]
    assert dialog.duration_edit is not None
    dialog.duration_edit.setTime(dialog.duration_edit.time().addSecs(185))
    assert dialog.choose_subject("2")
    dialog.description.setPlainText("Atendida no telefone de mesa.")
    dialog.register_button.click()
    await until(lambda: dialog.state_label.text() == "enviado")
    await until(lambda: ramal.not_logged == 0)
    [ticket] = [t for t in backends.ixc.tables["su_ticket"]
                if t.get("protocolo") == dialog.sent_protocol]
    assert "duração 3min05s" in ticket["menssagem"]
