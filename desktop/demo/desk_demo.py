"""``ramal demo``: the real app with no PBX and no IXC, for a first look and for the screenshots.

These are embedded, everything else is the production path (the same SipEngine, IxcService,
history store, attendance service, outbox worker, windows and tray):

- the IXC simulator (``desktop.demo.simulators.ixc``) with its seeded customers; logged attendances
  become ``su_ticket`` rows there, with a protocol;
- the Discord and OPA simulators (``desktop.demo.simulators.discord``/``opa``): one webhook and one
  OPA department (with an attendant) per demo sector, an open OPA conversation for two of the
  customers and a WhatsApp template for the others, so "Encaminhar" lands everywhere;
- a tiny registrar (:mod:`desktop.demo.pbx`) the app's extension 1000 registers with; it also
  answers calls to the sectors' extensions (801–804), so a transfer to a sector completes;
- a demo caller (:mod:`desktop.demo.caller`, one child process per call) that places real SIP
  calls to the app over loopback, on the "Simular chamada" button and every N seconds if asked,
  cycling through the situations an agent meets (blocked, overdue, open OS, unknown number,
  a family sharing a number, anonymous, an internal call);
- the 3CX XAPI simulator (:mod:`desktop.demo.threecx_demo`): the agent in the queues (logged out
  at start, so the shift warning and "Entrar nas filas" show), a few days of past calls in the
  history with their recordings, reports for the supervisor view (on in the demo) and the
  tickets "Ramal" wrote in IXC; a demo call that ends gets its recording too.

Settings saved from the demo go to a temporary folder and a memory "keyring": the demo never
touches the agent's real configuration or keyring.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.settings.model import (
    ActionsSettings,
    IxcSettings,
    OpaSettings,
    OutageSettings,
    Sector,
    Settings,
    SipSettings,
    ThreecxSettings,
    UiSettings,
)

if TYPE_CHECKING:
    from desktop.demo.pbx import DemoRegistrar
    from desktop.demo.simulators.discord import DiscordSimulator
    from desktop.demo.simulators.ixc import SimulatorHandle
    from desktop.demo.simulators.opa import OpaSimulator
    from desktop.demo.simulators.threecx import ThreecxSimulator
    from desktop.demo.threecx_demo import PastCall
    from desktop.settings.toml_file import MemorySecretStore

DEMO_EXTENSION = "1000"
DEMO_AGENT = "Agente (demo)"
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class DemoSector:
    name: str
    transfer_to: str         # an extension the demo PBX answers
    ixc_ticket_sector: str   # su_ticket_setor id in the IXC simulator's seed
    slug: str                # the Discord webhook's name


DEMO_SECTORS = (
    DemoSector("Suporte Técnico", "801", "1", "suporte"),
    DemoSector("Financeiro", "802", "2", "financeiro"),
    DemoSector("Comercial", "803", "3", "comercial"),
    DemoSector("Plantão", "804", "1", "plantao"),
)
DEMO_TEMPLATE = "modelo-retorno-demo"
DEMO_CHANNEL = "canal-whatsapp-demo"
# the approved payment template "Enviar no WhatsApp" uses for customers with no open conversation
DEMO_PAYMENT_TEMPLATE = "modelo-cobranca-demo"


@dataclass(frozen=True)
class DemoForwarding:
    """Where the demo's sectors forward to: the Discord and OPA simulators, seeded."""

    opa_url: str = ""
    opa_token: str = ""
    webhooks: dict[str, str] = field(default_factory=dict)      # sector name → webhook URL
    departments: dict[str, str] = field(default_factory=dict)   # sector name → OPA department


def seed_forwarding(discord: DiscordSimulator, opa: OpaSimulator) -> DemoForwarding:
    from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS

    webhooks = {s.name: discord.add_webhook(s.slug) for s in DEMO_SECTORS}
    departments = {}
    for n, sector in enumerate(DEMO_SECTORS):
        departments[sector.name] = opa.add_department(sector.name)
        opa.add_user(("Bruno", "Carla", "Diego", "Elis")[n], departments[sector.name])
    # two customers already talk to the ISP on WhatsApp: the case becomes an observation there;
    # the others get the sector's template (which opens a conversation)
    for key, name in (("em_dia", "Maria Aparecida da Silva"),
                      ("bloqueio_automatico", "José Carlos Pereira")):
        phone = DEMO_NUMBERS[key].number
        contact = opa.add_contact(name, phone)
        opa.add_attendance(phone, department_id=departments["Suporte Técnico"],
                           contact_id=contact)
    return DemoForwarding(opa.url, opa.token, webhooks, departments)


@dataclass(frozen=True)
class DemoCall:
    number: str        # the caller's extension in the demo PBX: E.164, "anonymous" or internal
    name: str          # display name sent in From
    label: str         # what the demo button says it is
    ring_s: float = 40.0   # how long it rings before the caller gives up (a missed call)


def demo_calls() -> list[DemoCall]:
    from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS

    def seeded(key: str, name: str = "") -> DemoCall:
        demo = DEMO_NUMBERS[key]
        return DemoCall(demo.number, name, demo.scenario)

    return [
        seeded("bloqueio_automatico", "CLARO CELULAR"),
        seeded("financeiro_em_atraso"),
        seeded("os_aberta", "VIVO"),
        seeded("massiva", "ROSANGELA"),
        seeded("familia"),
        seeded("desconhecido", "Número desconhecido"),
        # the same number again: attached to a customer on the call before, it pops the card
        DemoCall(DEMO_NUMBERS["desconhecido"].number, "Número desconhecido",
                 "O mesmo número desconhecido de novo (abre a ficha se foi adicionado a um "
                 "cliente)"),
        seeded("em_dia", "MARIA"),
        # nobody answers: the call waits in "Retornar", and the callback is answered by the PBX
        DemoCall(missed_call_number(), "CARLOS", "Ligação perdida (ninguém atende): retorne "
                 "pela aba Retornar", ring_s=MISSED_RING_S),
        DemoCall("anonymous", "Anonymous", "Número oculto (anônimo)"),
        DemoCall("2001", "Financeiro", "Chamada interna do ramal 2001"),
        seeded("bloqueio_manual"),
    ]


MISSED_RING_S = 8.0


def missed_call_number() -> str:
    """The demo's missed call: a customer with an open OS (the PBX answers its callback)."""
    from desktop.demo.simulators.ixc_seed import DEMO_NUMBERS

    return DEMO_NUMBERS["os_aberta"].number


def with_demo_scenes(settings: Settings) -> Settings:
    """The demo's settings for issue 16's scenes: the protocol opened on answer, the checklist
    rules of two subjects, an unknown caller offered as a new OPA contact."""
    from desktop.settings.model import AttendanceSettings, ChecklistRule

    return dataclasses.replace(
        settings,
        attendance=AttendanceSettings(open_ticket="auto", unknown_caller="lead_opa"),
        checklist_rules=(ChecklistRule("Sem conexão", "conexao"),
                         ChecklistRule("Segunda via de boleto", "financeiro")))


def stage_demo_outage(ixc: SimulatorHandle, now: datetime | None = None) -> None:
    """The demo's cut: CTO 14-B lost 9 of its 12 logins 12 minutes ago (the "massiva" caller
    among them), while a few logins elsewhere are offline for everyday reasons."""
    from desktop.demo.simulators.ixc_network import OUTAGE_CTO

    now = (now or datetime.now()).replace(microsecond=0)
    ixc.stage_outage("cto", OUTAGE_CTO, now - timedelta(minutes=12))
    ixc.churn(4, now)     # after the cut: churn picks among the logins still online


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DemoCaller:
    """Places demo calls, one child process each; :meth:`stop` ends every one still running."""

    def __init__(self, pbx_port: int, target: str, calls: list[DemoCall] | None = None) -> None:
        self.pbx_port = pbx_port
        self.target = target
        self.calls = calls or demo_calls()
        self._cycle = itertools.cycle(self.calls)
        self.upcoming = next(self._cycle)
        self.processes: list[subprocess.Popen[bytes]] = []

    def busy(self) -> bool:
        self.processes = [p for p in self.processes if p.poll() is None]
        return bool(self.processes)

    def place_next(self) -> DemoCall:
        call = self.upcoming
        self.upcoming = next(self._cycle)
        self.place(call)
        return call

    def place(self, call: DemoCall, ring_s: float | None = None, talk_s: float = 90.0
              ) -> subprocess.Popen[bytes]:
        ring_s = call.ring_s if ring_s is None else ring_s
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop.demo.caller", "--pbx-port", str(self.pbx_port),
             "--number", call.number, "--name", call.name, "--target", self.target,
             "--ring", str(ring_s), "--talk", str(talk_s)],
            cwd=str(ROOT), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()


def demo_settings(ixc_url: str, token: str, pbx_port: int, app_port: int,
                  forwarding: DemoForwarding | None = None,
                  threecx: ThreecxSettings | None = None) -> Settings:
    forwarding = forwarding or DemoForwarding()
    opa_on = bool(forwarding.opa_url)
    return Settings(
        sip=SipSettings(server="127.0.0.1", port=pbx_port, extension=DEMO_EXTENSION,
                        password="demo", display_name=DEMO_AGENT, bind_address="127.0.0.1",
                        local_port=app_port, keepalive_s=0, register_expires_s=300),
        ixc=IxcSettings(url=ixc_url, token=token, timeout_s=10.0),
        opa=OpaSettings(url=forwarding.opa_url, token=forwarding.opa_token,
                        template_channel=DEMO_CHANNEL if opa_on else ""),
        sectors=tuple(Sector(
            name=s.name, transfer_to=s.transfer_to, ixc_ticket_sector=s.ixc_ticket_sector,
            opa_department=forwarding.departments.get(s.name, ""),
            discord_webhook=forwarding.webhooks.get(s.name, ""),
            opa_template_id=DEMO_TEMPLATE if opa_on else "",
            opa_template_variables="nome,setor" if opa_on else "") for s in DEMO_SECTORS),
        ui=UiSettings(),
        # the staged cut on CTO 14-B: calls logged as "massiva" go to subject 1 (Sem conexão),
        # sector 1, and the Plantão channel hears about it once
        outage=OutageSettings(ticket_subject="1", ticket_sector="1", noc_sector="Plantão"),
        actions=ActionsSettings(whatsapp_template_id=DEMO_PAYMENT_TEMPLATE if opa_on else "",
                                service_order_subject="1", service_order_sector="1"),
        threecx=threecx or ThreecxSettings(),
    )


def demo_threecx_settings(url: str) -> ThreecxSettings:
    """``[threecx]`` for the simulator: dial codes, the shift, XAPI and the supervisor view."""
    from desktop.demo.simulators.threecx import CLIENT_ID, CLIENT_SECRET
    from desktop.demo.threecx_demo import DEMO_LOGIN_CODE, DEMO_LOGOUT_CODE, DEMO_SHIFT_START

    return ThreecxSettings(queue_login_code=DEMO_LOGIN_CODE, queue_logout_code=DEMO_LOGOUT_CODE,
                           shift_start=DEMO_SHIFT_START, url=url, client_id=CLIENT_ID,
                           client_secret=CLIENT_SECRET, supervisor=True)


def running_clock(start: datetime) -> Callable[[], datetime]:
    """The demo's clock for the IXC simulator (local, naive, as IXC keeps its dates): ``start``
    then running on with the monotonic clock, so a test that fixes ``now`` fixes it too."""
    local = start.astimezone().replace(tzinfo=None)
    began = time.monotonic()
    return lambda: local + timedelta(seconds=time.monotonic() - began)


@dataclass
class DemoBackends:
    """Everything the demo runs beside the app; :meth:`stop` ends it all."""

    ixc: SimulatorHandle
    discord: DiscordSimulator
    opa: OpaSimulator
    pbx: DemoRegistrar
    forwarding: DemoForwarding
    threecx: ThreecxSimulator | None = None
    past_calls: list[PastCall] = field(default_factory=list)

    @classmethod
    def start(cls, ixc_latency_ms: float = 0.0, *, with_threecx: bool = False,
              now: datetime | None = None) -> DemoBackends:
        """``with_threecx``: the 3CX simulator and the past calls (``ramal demo``; the desk
        tests that do not need it leave it off). ``now``: the demo's clock (tests fix it)."""
        from desktop.demo.pbx import DemoRegistrar
        from desktop.demo.simulators.discord import start_discord_simulator
        from desktop.demo.simulators.ixc import start_simulator
        from desktop.demo.simulators.opa import start_opa_simulator

        now = now if now is not None and now.tzinfo else (now or datetime.now()).astimezone()
        ixc = start_simulator(latency_ms=ixc_latency_ms, clock=running_clock(now))
        stage_demo_outage(ixc, now.astimezone().replace(tzinfo=None))  # IXC: local, naive
        discord = start_discord_simulator()
        opa = start_opa_simulator()
        # the sectors' phones, and the missed caller's phone for the callback from "Retornar"
        pbx = DemoRegistrar(answering={*(s.transfer_to for s in DEMO_SECTORS),
                                       missed_call_number()}).start()
        backends = cls(ixc, discord, opa, pbx, seed_forwarding(discord, opa))
        if with_threecx:
            from desktop.demo.threecx_demo import past_calls, start_demo_threecx

            backends.past_calls = past_calls(now)
            backends.threecx = start_demo_threecx(now, backends.past_calls, ixc,
                                                  extension=DEMO_EXTENSION, name=DEMO_AGENT)
        return backends

    def settings(self, app_port: int) -> Settings:
        threecx = demo_threecx_settings(self.threecx.url) if self.threecx else None
        return demo_settings(self.ixc.url, self.ixc.token, self.pbx.port, app_port,
                             self.forwarding, threecx)

    def secret_store(self, settings: Settings) -> MemorySecretStore:
        """The demo's memory keyring, holding the XAPI key as a real desk's keyring would."""
        from desktop.settings.model import secret_key_threecx
        from desktop.settings.toml_file import MemorySecretStore

        store = MemorySecretStore()
        if settings.threecx.client_secret:
            store.set(secret_key_threecx(settings.threecx), settings.threecx.client_secret)
        return store

    def seed_history(self, database: Path) -> None:
        """The past calls into the demo's fresh database ("Meu desempenho" has figures)."""
        if not self.past_calls:
            return
        from desktop.demo.threecx_demo import seed_desk_history
        from desktop.store.attendances import AttendanceStore
        from desktop.store.database import open_database
        from desktop.store.history import CallHistory

        db = open_database(database)
        try:
            seed_desk_history(CallHistory(db), AttendanceStore(db), self.past_calls,
                              extension=DEMO_EXTENSION, agent=DEMO_AGENT)
        finally:
            db.close()

    def stop(self) -> None:
        stops = [self.pbx.close, self.opa.stop, self.discord.stop, self.ixc.stop]
        if self.threecx is not None:
            stops.insert(0, self.threecx.stop)
        for stop in stops:
            with contextlib.suppress(Exception):
                stop()


def run_demo(call_every_s: float = 0.0) -> int:
    from PySide6.QtCore import QTimer

    from desktop.app.ramal_app import RamalApp
    from desktop.app.startup import run_app

    backends = DemoBackends.start(with_threecx=True)
    app_port = free_udp_port()
    settings = with_demo_scenes(backends.settings(app_port))
    caller = DemoCaller(settings.sip.port, f"sip:{DEMO_EXTENSION}@127.0.0.1:{app_port}")
    folder = tempfile.TemporaryDirectory(prefix="ramal-demo-")
    timers: list[QTimer] = []
    print(f"Ramal demo: IXC simulado em {settings.ixc.url}, Discord simulado em "
          f"{backends.discord.url}, OPA simulado em {backends.opa.url}, PBX de demonstração "
          f"em 127.0.0.1:{settings.sip.port}, ramal {DEMO_EXTENSION} na porta {app_port}, "
          f"3CX (XAPI) simulado em {settings.threecx.url}", flush=True)
    database = Path(folder.name) / "demo.sqlite3"
    backends.seed_history(database)

    def prepare(ramal: RamalApp) -> None:
        window = ramal.window
        window.setWindowTitle("Ramal — demonstração")
        window.enable_demo()

        def describe() -> None:
            window.set_demo_next(caller.upcoming.label)

        def place() -> None:
            caller.place_next()
            describe()

        def place_if_idle() -> None:
            if not caller.busy():
                place()

        window.simulate_call_requested.connect(place)
        describe()
        threecx, history = backends.threecx, ramal.recorder.history
        if threecx is not None and history is not None:
            from desktop.demo.threecx_demo import record_demo_call

            def recorded(call_key: str, _outcome: str) -> None:
                # after the desk wrote the call's end (the same signal, queued behind it)
                row_id = ramal.recorder.ids.get(call_key)
                if row_id is not None:
                    QTimer.singleShot(0, lambda: record_demo_call(threecx, history, row_id,
                                                                  DEMO_EXTENSION))

            ramal.call_ended.connect(recorded)
        if call_every_s > 0:
            timer = QTimer(window)
            timer.setInterval(int(call_every_s * 1000))
            timer.timeout.connect(place_if_idle)
            timer.start()
            QTimer.singleShot(2500, place_if_idle)
            timers.append(timer)

    try:
        return run_app(settings, database=database,
                       secret_store=backends.secret_store(settings),
                       config_path=Path(folder.name) / "ramal.toml", prepare=prepare)
    finally:
        caller.stop()
        backends.stop()
        with contextlib.suppress(OSError):
            folder.cleanup()
