"""``ramal demo``: the real app with no PBX and no IXC, for a first look and for the screenshots.

Three things are embedded, everything else is the production path (the same SipEngine, IxcService,
history store, windows and tray):

- the IXC simulator (``desktop.simulators.ixc``) with its seeded customers;
- a tiny registrar (:mod:`desktop.demo_pbx`) the app's extension 1000 registers with;
- a demo caller (:mod:`desktop.demo_caller`, one child process per call) that places real SIP
  calls to the app over loopback, on the "Simular chamada" button and every N seconds if asked,
  cycling through the situations an agent meets (blocked, overdue, open OS, unknown number,
  a family sharing a number, anonymous, an internal call).

Settings saved from the demo go to a temporary folder and a memory "keyring": the demo never
touches the agent's real configuration or keyring.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.config import IxcSettings, Sector, Settings, SipSettings, UiSettings

DEMO_EXTENSION = "1000"
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class DemoCall:
    number: str        # the caller's extension in the demo PBX: E.164, "anonymous" or internal
    name: str          # display name sent in From
    label: str         # what the demo button says it is


def demo_calls() -> list[DemoCall]:
    from desktop.simulators.ixc_seed import DEMO_NUMBERS

    def seeded(key: str, name: str = "") -> DemoCall:
        demo = DEMO_NUMBERS[key]
        return DemoCall(demo.number, name, demo.scenario)

    return [
        seeded("bloqueio_automatico", "CLARO CELULAR"),
        seeded("financeiro_em_atraso"),
        seeded("os_aberta", "VIVO"),
        seeded("familia"),
        seeded("desconhecido", "Número desconhecido"),
        seeded("em_dia", "MARIA"),
        DemoCall("anonymous", "Anonymous", "Número oculto (anônimo)"),
        DemoCall("2001", "Financeiro", "Chamada interna do ramal 2001"),
        seeded("bloqueio_manual"),
    ]


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

    def place(self, call: DemoCall, ring_s: float = 40.0, talk_s: float = 90.0
              ) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop.demo_caller", "--pbx-port", str(self.pbx_port),
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


def demo_settings(ixc_url: str, token: str, pbx_port: int, app_port: int) -> Settings:
    return Settings(
        sip=SipSettings(server="127.0.0.1", port=pbx_port, extension=DEMO_EXTENSION,
                        password="demo", display_name="Agente (demo)", bind_address="127.0.0.1",
                        local_port=app_port, keepalive_s=0, register_expires_s=300),
        ixc=IxcSettings(url=ixc_url, token=token, max_concurrency=4, timeout_s=10.0),
        sectors=(Sector(name="Suporte técnico", transfer_to="2000"),
                 Sector(name="Financeiro", transfer_to="3000"),
                 Sector(name="Comercial", transfer_to="4000")),
        ui=UiSettings(),
    )


def run_demo(call_every_s: float = 0.0) -> int:
    from PySide6.QtCore import QTimer

    from desktop.app import RamalApp, run_app
    from desktop.demo_pbx import DemoRegistrar
    from desktop.settings_file import MemorySecretStore
    from desktop.simulators.ixc import start_simulator

    simulator = start_simulator()
    pbx = DemoRegistrar().start()
    app_port = free_udp_port()
    settings = demo_settings(simulator.url, simulator.token, pbx.port, app_port)
    caller = DemoCaller(pbx.port, f"sip:{DEMO_EXTENSION}@127.0.0.1:{app_port}")
    folder = tempfile.TemporaryDirectory(prefix="ramal-demo-")
    timers: list[QTimer] = []
    print(f"Ramal demo: IXC simulado em {simulator.url}, PBX de demonstração em "
          f"127.0.0.1:{pbx.port}, ramal {DEMO_EXTENSION} na porta {app_port}", flush=True)

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
        if call_every_s > 0:
            timer = QTimer(window)
            timer.setInterval(int(call_every_s * 1000))
            timer.timeout.connect(place_if_idle)
            timer.start()
            QTimer.singleShot(2500, place_if_idle)
            timers.append(timer)

    try:
        return run_app(settings, database=Path(folder.name) / "demo.sqlite3",
                       secret_store=MemorySecretStore(),
                       config_path=Path(folder.name) / "ramal.toml", prepare=prepare)
    finally:
        caller.stop()
        pbx.close()
        simulator.stop()
        with contextlib.suppress(OSError):
            folder.cleanup()
