"""The outage banner on the real desk (offscreen, demo backends with the staged CTO 14-B cut):
on the right call's popup card and on the main window, not on the others; "Registrar como
massiva" logs the call against the one outage record and tells the Plantão channel; the
banner goes when IXC says the logins came back."""

from __future__ import annotations

from datetime import datetime

from desktop.app.ramal_app import RamalApp
from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.sip.events import IncomingCall
from desktop.store.outbox import OutboxState
from tests.ui.recording_engine import until

MASSIVA = DEMO_NUMBERS["massiva"].number
OFFLINE_FOR_DAYS = DEMO_NUMBERS["os_aberta"].number


def ring(ramal: RamalApp, call_id: str, number: str) -> None:
    ramal.handle_event(IncomingCall(call_id, number, "", False, False, f"<sip:{number}@x>"))


async def test_banner_on_the_right_call_registered_then_cleared(
        desk: tuple[RamalApp, DemoBackends]) -> None:
    ramal, backends = desk
    done: list[str] = []
    ramal.card_completed.connect(lambda cid, _t: done.append(cid))
    ring(ramal, "m1", MASSIVA)
    ring(ramal, "o1", OFFLINE_FOR_DAYS)
    await until(lambda: {"m1", "o1"} <= set(done))
    cut, calm = ramal.popups["m1"].card, ramal.popups["o1"].card
    banner = cut.outage_banner
    await until(lambda: not banner.isHidden())
    assert banner.text.text().startswith("Possível massiva — CTO 14-B: 9 de 12 logins caíram")
    assert calm.outage_banner.isHidden() and calm.record is not None
    assert calm.record.outage is None
    window_banner = ramal.window.outage_banner
    assert not window_banner.isHidden() and window_banner.text.text() == banner.text.text()
    assert window_banner.register_button.isHidden()     # the window only informs

    # the scripted answer, then "Registrar como massiva"
    banner.script_button.click()
    assert not banner.script.isHidden() and "falha na rede" in banner.script.text()
    banner.register_button.click()
    await until(lambda: not banner.register_button.isEnabled(), 10)
    outbox = ramal.services.outbox
    await until(lambda: [i.state for i in outbox.items(limit=5)
                         if i.kind == "ixc_outage_call"] == [OutboxState.SENT], 15)
    key = cut.record.outage.key
    tickets = backends.ixc.tables["su_ticket"]
    assert len([t for t in tickets if key in t["titulo"]]) == 1
    assert len([t for t in tickets if f"[ref {key}]" in t["menssagem"]]) == 1
    noc = backends.forwarding.webhooks["Plantão"]
    [message] = backends.discord.messages(noc)
    assert "Ligações recebidas: 1." in message.payload["embeds"][0]["description"]

    # the fibre is spliced: the next recheck clears the window's banner
    backends.ixc.end_outage("cto", "14", datetime.now())
    detector = ramal.ixc.outage
    detector.forget()             # the 60 s cache, as if a minute had passed
    ramal.outage_desk.recheck()
    await until(lambda: window_banner.isHidden(), 10)
    assert not ramal.outage_desk.active
