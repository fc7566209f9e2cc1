"""A ringing card draws once per IXC request wave: CardUpdateBatch with a hand-driven timer,
then the real desk against the IXC simulator, counting the card's renders."""

from __future__ import annotations

from collections.abc import Callable

from desktop.demo.desk_demo import DemoBackends
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.desk.card_update_batch import CardUpdateBatch
from desktop.ixc.models import Section
from desktop.sip.events import IncomingCall
from tests.ui.desk_under_test import DeskUnderTest
from tests.ui.recording_engine import until


class Timers:
    """Timers that fire only when the test says so."""

    def __init__(self) -> None:
        self.waiting: list[tuple[float, Callable[[], None], list[bool]]] = []

    def schedule(self, delay_s: float, callback: Callable[[], None]) -> Timers.Handle:
        cancelled = [False]
        self.waiting.append((delay_s, callback, cancelled))
        return Timers.Handle(cancelled)

    def fire(self, delay_s: float) -> int:
        due = [t for t in self.waiting if t[0] == delay_s and not t[2][0]]
        self.waiting = [t for t in self.waiting if t not in due]
        for _delay, callback, _c in due:
            callback()
        return len(due)

    class Handle:
        def __init__(self, cancelled: list[bool]) -> None:
            self.cancelled = cancelled

        def cancel(self) -> None:
            self.cancelled[0] = True


def test_a_wave_of_updates_renders_once_when_the_record_is_complete() -> None:
    timers, renders = Timers(), []
    batch = CardUpdateBatch(lambda: renders.append(1), settle_s=0.03, schedule=timers.schedule)
    for _section in range(5):             # the identity, then sections still loading
        batch.push(complete=False)
    batch.push(complete=True)             # the last section of the wave
    batch.push(complete=True)             # e.g. the city names filled in, same turn
    assert timers.fire(0) == 1 and renders == [1]
    assert timers.fire(0.03) == 0         # the settle timer was dropped
    assert not batch.waiting


def test_a_slow_section_does_not_hold_the_identity_back() -> None:
    timers, renders = Timers(), []
    batch = CardUpdateBatch(lambda: renders.append(1), settle_s=0.03, schedule=timers.schedule)
    batch.push(complete=False)
    batch.push(complete=False)
    assert timers.fire(0.03) == 1 and renders == [1]    # the identity, after the settle time
    batch.push(complete=True)
    assert timers.fire(0) == 1 and renders == [1, 1]


def test_cancel_drops_the_waiting_render() -> None:
    timers, renders = Timers(), []
    batch = CardUpdateBatch(lambda: renders.append(1), settle_s=0.03, schedule=timers.schedule)
    batch.push(complete=False)
    batch.cancel()
    assert timers.fire(0.03) == 0 and renders == [] and not batch.waiting


async def test_the_desk_draws_a_one_customer_card_once_while_it_rings(
        desk: tuple[DeskUnderTest, DemoBackends]) -> None:
    ramal, _backends = desk
    await until(lambda: ramal.ixc.index.last_update is not None)
    await ramal.ixc.idle()
    # a settle time far above the simulator's answers: the wave always lands inside it, so the
    # count does not depend on this machine's speed
    ramal.call_desk.card_settle_s = 5.0
    completed: list[str] = []
    ramal.card_completed.connect(lambda cid, _t: completed.append(cid))
    phone = DEMO_NUMBERS["bloqueio_automatico"].number
    ramal.handle_event(IncomingCall("b1", phone, "", False, False, f"<sip:{phone}@x>"))
    await until(lambda: completed == ["b1"])
    card = ramal.popups["b1"].card
    assert card.record is not None and card.record.complete and not card.record.pending
    # the identity and five sections came as six updates: one render of the complete record,
    # then the lookup's final result (nothing changed, so nothing rebuilt)
    assert card.renders == 2
    assert card.tabs.tabText(card.tab_index(Section.CONTRACTS)).endswith("(1)")
