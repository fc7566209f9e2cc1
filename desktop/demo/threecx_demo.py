"""3CX in ``ramal demo``: the XAPI simulator seeded so every 3CX feature shows on a fresh start.

- the demo's extension is a 3CX user in both queues, logged *out* (the shift warning shows, and
  "Entrar nas filas" has something to do over XAPI);
- a few days of past calls (:func:`past_calls`, a fixed schedule from the demo's "now") go into
  the demo's empty history and attendances, so "Meu desempenho" has figures and charts;
- each answered past call has its 3CX recording (extension + remote number + answer time, the
  only way Ramal can match one), some with 3CX's summary and transcription; a demo call that
  ends while the demo runs gets its recording too (:func:`record_demo_call`), as 3CX would;
- the queue reports count the demo agent's calls beside the seeded agents', and IXC holds the
  tickets "Ramal" wrote for them (with the ``[ramal-desk ...]`` line), so the supervisor view
  shows both sides.

Deterministic for a given ``now``: the tests pass a fixed one, the demo the clock's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS
from desktop.demo.simulators.threecx import ThreecxSimulator, start_threecx_simulator
from desktop.demo.simulators.threecx_seed import (
    QUEUES,
    QueueCall,
    ThreecxSeed,
    build_threecx_seed,
    user_row,
)
from desktop.ixc.tickets import desk_marker
from desktop.store.attendances import AttendanceStore
from desktop.store.history import CallDirection, CallHistory, CallOutcome

# the codes are the PBX admin's choice; these are the docs' placeholders
DEMO_LOGIN_CODE = "*62"
DEMO_LOGOUT_CODE = "*63"
DEMO_SHIFT_START = "08:00"
PAST_DAYS = 5
IXC_STAMP = "%Y-%m-%d %H:%M:%S"
FULL_CHECK = ("connections", "invoices", "service_orders")
# ticket sectors of the IXC seed the demo's sectors use (desk_demo.DEMO_SECTORS)
_SECTORS = (("Suporte Técnico", "1"), ("Financeiro", "2"), ("Comercial", "3"))
# the callers of the past calls: the demo's own customers, so a row opens a real card
_CALLERS = ("em_dia", "bloqueio_automatico", "financeiro_em_atraso", "os_aberta", "massiva",
            "familia", "bloqueio_manual", "desconhecido")
# what 3CX's AI wrote for a few recordings (simulated PBX data, not Ramal's text)
_SUMMARIES = (
    ("Cliente sem internet desde a manhã; reiniciou a ONU com o agente e voltou a navegar.",
     "Agente: Provedor, bom dia. Cliente: Estou sem internet desde cedo. Agente: Vamos "
     "reiniciar a ONU juntos."),
    ("Cliente pediu a 2ª via do boleto e o desbloqueio em confiança.",
     "Agente: Provedor, boa tarde. Cliente: Preciso da segunda via e do desbloqueio."),
    ("Lentidão no Wi-Fi à noite; agente agendou visita técnica.",
     "Cliente: A internet fica lenta à noite. Agente: Vou agendar uma visita técnica."),
)


@dataclass(frozen=True)
class PastCall:
    """One call of the demo's history before the demo started."""

    key: str
    number: str
    customer_id: str
    started_at: datetime
    outcome: CallOutcome
    ring_s: int
    talk_s: int = 0
    logged_after_s: int | None = None      # call end → attendance logged; None = not logged
    sections: tuple[str, ...] = ()
    forward_sector: str = ""
    summary: int | None = None             # index into _SUMMARIES

    @property
    def answered_at(self) -> datetime | None:
        if self.outcome is not CallOutcome.COMPLETED:
            return None
        return self.started_at + timedelta(seconds=self.ring_s)

    @property
    def ended_at(self) -> datetime:
        return self.started_at + timedelta(seconds=self.ring_s + self.talk_s)


def past_calls(now: datetime, days: int = PAST_DAYS, per_day: int = 9,
               seed: int = 15) -> list[PastCall]:
    """The calls of the last ``days`` days (today included) that ended 15 minutes before
    ``now`` (an aware local datetime), about ``per_day`` a day between 08:00 and 18:00, and the
    same customer twice in ten minutes on the first day (two recordings close together)."""
    rng = random.Random(seed)
    calls: list[PastCall] = []
    zone = now.tzinfo
    for back in range(days - 1, -1, -1):
        day = (now - timedelta(days=back)).date()
        opening = datetime.combine(day, time(8, 10), zone)
        for slot in range(per_day):
            start = opening + timedelta(minutes=slot * 62 + rng.randrange(0, 40),
                                        seconds=rng.randrange(60))
            twice = back == days - 1 and slot == 0
            caller = DEMO_NUMBERS["em_dia" if twice else _CALLERS[(slot + back) % len(_CALLERS)]]
            calls.append(_past_call(rng, f"demo-past-{day:%Y%m%d}-{slot}", caller.number,
                                    caller.customer_ids, start, answered=twice))
            if twice:   # the customer calls back seven minutes later
                calls.append(_past_call(rng, f"demo-past-{day:%Y%m%d}-again", caller.number,
                                        caller.customer_ids, start + timedelta(minutes=7),
                                        answered=True))
    limit = now - timedelta(minutes=15)
    calls = [c for c in calls if c.ended_at <= limit]
    calls.sort(key=lambda c: c.started_at)
    return calls


def _past_call(rng: random.Random, key: str, number: str, customer_ids: tuple[int, ...],
               start: datetime, answered: bool = False) -> PastCall:
    customer = str(customer_ids[0]) if customer_ids else ""
    roll = rng.random()
    if not answered and roll < 0.14:
        return PastCall(key, number, customer, start, CallOutcome.MISSED, rng.randrange(15, 40))
    if not answered and roll < 0.26:
        return PastCall(key, number, customer, start, CallOutcome.ANSWERED_ELSEWHERE,
                        rng.randrange(5, 25))
    # a number IXC does not know has no customer to log against
    logged = rng.random() < 0.8 and bool(customer)
    full = rng.random() < 0.6
    return PastCall(
        key, number, customer, start, CallOutcome.COMPLETED, rng.randrange(3, 18),
        talk_s=rng.randrange(60, 420),
        logged_after_s=rng.randrange(20, 240) if logged else None,
        sections=(FULL_CHECK if full else ("connections",)) if logged else (),
        forward_sector=rng.choice(_SECTORS)[0] if logged and rng.random() < 0.3 else "",
        summary=rng.randrange(len(_SUMMARIES)) if rng.random() < 0.5 else None)


def seed_desk_history(history: CallHistory, attendances: AttendanceStore,
                      calls: list[PastCall], *, extension: str, agent: str) -> None:
    """The past calls into the demo's (empty) history, with their attendances and forwards."""
    for call in calls:
        row = history.record_start(call.key, number=call.number,
                                   direction=CallDirection.INBOUND, started_at=call.started_at,
                                   extension=extension, customer_id=call.customer_id)
        if call.answered_at is not None:
            history.record_answer(row.id, call.answered_at)
        history.record_end(row.id, call.ended_at, call.outcome)
        if call.logged_after_s is None:
            continue
        logged_at = call.ended_at + timedelta(seconds=call.logged_after_s)
        attendance = attendances.add(
            created_at=logged_at, agent=agent, customer_id=call.customer_id,
            customer_name="", call_id=row.id, subject_id="1", ticket_sector_id="1",
            description="Atendimento por telefone (demonstração).", solved=True,
            sections_checked=call.sections)
        history.mark_sections_checked(row.id, call.sections)
        history.mark_logged(row.id)
        if call.forward_sector:
            attendances.add_forward(attendance_id=attendance.id, sector=call.forward_sector,
                                    destination="discord", created_at=logged_at)


def demo_threecx_seed(now: datetime, calls: list[PastCall], *, extension: str,
                      name: str) -> ThreecxSeed:
    """The simulator's month plus the demo agent: a user in both queues (logged out), and its
    past calls as calls of the support queue for the reports."""
    zone = now.tzinfo
    if zone is None:
        raise ValueError("give an aware 'now' (the demo's local time)")
    seed = build_threecx_seed(now.date(), zone, days=PAST_DAYS)
    user_id = max(u["Id"] for u in seed.users) + 1
    seed.users.append(user_row(user_id, extension, name, logged_in=False))
    for queue in seed.queues:
        queue["Agents"].append({"Id": user_id, "Number": extension, "Name": name})
    # today's seeded calls after "now" have not happened yet
    seed.queue_calls = [c for c in seed.queue_calls if c.start <= now]
    for call in calls:
        if call.outcome is CallOutcome.ANSWERED_ELSEWHERE:
            continue                                 # another agent's call, for 3CX
        seed.queue_calls.append(QueueCall(
            queue=QUEUES[0][0], agent=extension if call.answered_at else "",
            caller=call.number, start=call.started_at, wait_s=call.ring_s,
            talk_s=call.talk_s))
    seed.queue_calls.sort(key=lambda c: c.start)
    return seed


def add_past_recordings(pbx: ThreecxSimulator, calls: list[PastCall], extension: str) -> int:
    """A recording for each answered past call (3CX starts recording when the call connects)."""
    added = 0
    for call in calls:
        if call.answered_at is None:
            continue
        summary, transcription = (_SUMMARIES[call.summary] if call.summary is not None
                                  else (None, None))
        pbx.add_recording(extension=extension, remote=call.number, start=call.answered_at,
                          seconds=call.talk_s, summary=summary, transcription=transcription)
        added += 1
    return added


def seed_ixc_desk_tickets(ixc: SimulatorHandle, seed: ThreecxSeed, calls: list[PastCall], *,
                          extension: str, first_customer: int = 201, customers: int = 32) -> int:
    """The tickets Ramal would have written: four in five of the seeded agents' answered queue
    calls (on the IXC seed's filler customers), and the demo agent's logged past calls."""
    rng = random.Random(16)
    written = 0
    for n, call in enumerate(c for c in seed.queue_calls if c.answered and c.agent != extension):
        if rng.random() >= 0.8:
            continue
        codes = FULL_CHECK if rng.random() < 0.55 else ("connections",)
        _ticket(ixc, str(first_customer + n % customers), rng.choice(_SECTORS)[1],
                call.start + timedelta(seconds=call.wait_s + call.talk_s + 60),
                desk_marker(call.agent, codes))
        written += 1
    for past in calls:
        if past.logged_after_s is None or not past.customer_id:
            continue
        _ticket(ixc, past.customer_id, "1",
                past.ended_at + timedelta(seconds=past.logged_after_s),
                desk_marker(extension, past.sections))
        written += 1
    return written


def _ticket(ixc: SimulatorHandle, customer: str, sector: str, created: datetime,
            marker: str) -> None:
    ixc.insert("su_ticket", {
        "tipo": "C", "id_cliente": customer, "id_contrato": "0", "id_login": "0",
        "id_assunto": "1", "titulo": "Atendimento por telefone", "id_ticket_setor": sector,
        "prioridade": "M", "su_status": "S", "status": "F", "id_ticket_origem": "I",
        "data_criacao": created.astimezone().strftime(IXC_STAMP),
        "menssagem": f"Atendimento por telefone (demonstração).\n{marker}"})


def start_demo_threecx(now: datetime, calls: list[PastCall], ixc: SimulatorHandle, *,
                       extension: str, name: str) -> ThreecxSimulator:
    """The 3CX simulator as the demo wants it: seeded, with recordings and IXC's tickets."""
    seed = demo_threecx_seed(now, calls, extension=extension, name=name)
    pbx = start_threecx_simulator(seed=seed)
    add_past_recordings(pbx, calls, extension)
    seed_ixc_desk_tickets(ixc, seed, calls, extension=extension)
    return pbx


def record_demo_call(pbx: ThreecxSimulator, history: CallHistory, call_id: int,
                     extension: str) -> int | None:
    """What 3CX does when a recorded call ends: a demo call the desk talked gets its recording
    (its id), so "Gravação" works on the calls placed during the demo too."""
    call = history.get(call_id)
    if call.answered_at is None or call.ended_at is None or not call.duration_s:
        return None
    if not any(ch.isdigit() for ch in call.number):
        return None                                   # anonymous: nothing to match on
    return pbx.add_recording(extension=extension, remote=call.number, start=call.answered_at,
                             seconds=call.duration_s,
                             inbound=call.direction is CallDirection.INBOUND)
