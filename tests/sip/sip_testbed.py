"""Real SIP peers on loopback for the tests and the benchmark: Kamailio, SIPp, agent processes.

Everything binds 127.0.0.1 on ports chosen at run time and is stopped by PID.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PBX_DIR = HERE / "pbx"
SCENARIOS = HERE / "scenarios"
KAMAILIO = shutil.which("kamailio") or "/usr/sbin/kamailio"
SIPP = shutil.which("sipp") or "/usr/bin/sipp"
HOST = "127.0.0.1"

USERS = {"101": ("101", "secret101"), "102": ("102", "secret102"),
         "103": ("auth103", "secret103"), "199": ("199", "secret199")}


def free_port(both: bool = True) -> int:
    """A loopback port free for UDP (and TCP when ``both``) right now."""
    for _ in range(50):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind((HOST, 0))
            port = udp.getsockname()[1]
            if not both:
                return int(port)
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                    tcp.bind((HOST, port))
            except OSError:
                continue
            return int(port)
    raise RuntimeError("no free port")


def wait_until(predicate: Callable[[], Any], timeout: float, interval: float = 0.02) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def _listening(port: int) -> bool:
    hexport = f"{port:04X}"
    udp = Path("/proc/net/udp").read_text()
    tcp = Path("/proc/net/tcp").read_text()
    return (f"0100007F:{hexport} " in udp
            and any(f"0100007F:{hexport} " in line and line.split()[3] == "0A"
                    for line in tcp.splitlines()[1:]))


class Pbx:
    """Our Kamailio (tests/sip/pbx/kamailio.cfg) on a free port; ``restart`` keeps the port."""

    def __init__(self, workdir: Path, port: int | None = None, *, qop: bool = False) -> None:
        self.workdir = workdir
        self.qop = qop
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / "kamailio.log"
        self.starts = 0

    @property
    def address(self) -> str:
        return f"{HOST}:{self.port}"

    def start(self, timeout: float = 15.0) -> None:
        db = self.workdir / "db"
        if db.exists():
            shutil.rmtree(db)
        shutil.copytree(PBX_DIR / "db", db)
        self.starts += 1
        log = open(self.log_path, "ab")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(
            [KAMAILIO, "-f", str(PBX_DIR / "kamailio.cfg"), "-DD", "-E", "-Y", str(self.workdir),
             "-P", str(self.workdir / f"kamailio{self.starts}.pid"),
             "-A", f'DBURL="text://{db}"', "-A", f"SIPPORT={self.port}",
             *(["-A", "QOP"] if self.qop else [])],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            # its own process group: stop() can then reach the worker processes too, even when
            # the main one has to be killed (its workers would otherwise outlive the test)
            start_new_session=True,
        )
        log.close()
        ok = wait_until(lambda: self.proc is None or self.proc.poll() is not None
                        or _listening(self.port), timeout)
        if not ok or self.proc.poll() is not None:
            self.stop()
            raise RuntimeError(f"kamailio did not start on {self.port}:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # the main process stops its workers
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # any worker still alive
        wait_until(lambda: not _listening(self.port), 5)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def count(self, marker: str) -> int:
        return self.log().count(marker)

    def wait_count(self, marker: str, at_least: int, timeout: float = 5.0) -> int:
        """The count of ``marker`` once it reaches ``at_least`` (Kamailio logs after replying)."""
        wait_until(lambda: self.count(marker) >= at_least, timeout)
        return self.count(marker)

    def registers(self, extension: str) -> int:
        return self.count(f"REGISTER-RX to={extension} ")


# --- SIPp ---------------------------------------------------------------------------------------

class Sipp:
    """One SIPp caller process (``-m 1`` unless told otherwise)."""

    def __init__(self, workdir: Path, pbx: Pbx, scenario: str, service: str = "101",
                 *, calls: int = 1, rate: float | None = None, keys: dict[str, str] | None = None,
                 timeout_s: int = 30, extra: list[str] | None = None) -> None:
        self.port = free_port(both=False)
        path = Path(scenario) if scenario.endswith(".xml") else SCENARIOS / f"{scenario}.xml"
        self.name = f"{path.stem}-{self.port}"
        self.out = workdir / f"{self.name}.out"
        self.messages = workdir / f"{self.name}.msg"
        args = [SIPP, "-sf", str(path), "-s", service,
                "-i", HOST, "-p", str(self.port), "-mi", HOST, "-mp", str(free_port(False)),
                "-ci", HOST, "-cp", str(free_port(False)), "-m", str(calls), "-nostdin",
                "-timeout", f"{timeout_s}s", "-timeout_error", "-max_recv_loops", "1000",
                "-trace_msg", "-message_file", str(self.messages), "-trace_err",
                "-error_file", str(workdir / f"{self.name}.err")]
        if rate is not None:
            args += ["-r", str(rate)]
        for key, value in (keys or {}).items():
            args += ["-key", key, value]
        args += [*(extra or []), pbx.address]
        out = open(self.out, "wb")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=workdir)
        out.close()

    def wait(self, timeout: float = 45.0) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError(f"SIPp {self.name} did not finish:\n{self.report()}") from None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)

    def report(self) -> str:
        text = self.out.read_text(errors="replace") if self.out.exists() else ""
        msgs = self.messages.read_text(errors="replace") if self.messages.exists() else ""
        return text[-2000:] + "\n--- messages ---\n" + msgs[-6000:]


# --- agent subprocess ---------------------------------------------------------------------------

def write_config(path: Path, pbx: Pbx, extension: str, *, password: str | None = None,
                 transport: str = "udp", mode: str = "softphone", extra: str = "") -> Path:
    auth_id, secret = USERS[extension]
    password = secret if password is None else password
    path.write_text(
        "[sip]\n"
        f'server = "{HOST}"\nport = {pbx.port}\ntransport = "{transport}"\n'
        f'extension = "{extension}"\nauth_id = "{auth_id}"\npassword = "{password}"\n'
        f'display_name = "Agente {extension}"\nbind_address = "{HOST}"\nmode = "{mode}"\n'
        + extra,
        encoding="utf-8",
    )
    return path


class AgentProcess:
    """``python main.py agent`` as a child process, its JSON lines collected by a thread."""

    def __init__(self, config: Path, *, auto_answer: float | None = None,
                 python: str = sys.executable, env: dict[str, str] | None = None) -> None:
        args = [python, str(ROOT / "main.py"), "agent", "--config", str(config)]
        if auto_answer is not None:
            args += ["--auto-answer", str(auto_answer)]
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})},
        )
        self.events: list[dict[str, Any]] = []
        self.lines: list[str] = []
        self.stderr = b""
        self._queue: queue.Queue[dict[str, Any]] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            self.lines.append(line)
            try:
                event = json.loads(line)
            except ValueError:
                continue
            event["_t"] = time.monotonic()
            self.events.append(event)

    def wait_for(self, timeout: float = 20.0, **fields: Any) -> dict[str, Any]:
        """The first event (seen so far or arriving within ``timeout``) with all ``fields``."""
        def find() -> dict[str, Any] | None:
            for event in list(self.events):
                if all(event.get(k) == v for k, v in fields.items()):
                    return event
            return None
        found = wait_until(find, timeout)
        if not found:
            raise AssertionError(
                f"agent never printed {fields} within {timeout}s; got:\n"
                + "\n".join(self.lines[-30:]) + f"\nstderr: {self.read_stderr()[-2000:]}"
            )
        return found  # type: ignore[no-any-return]

    def read_stderr(self) -> str:
        if self.proc.poll() is not None and self.proc.stderr and not self.stderr:
            self.stderr = self.proc.stderr.read()
        return self.stderr.decode(errors="replace")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
            raise AssertionError("agent did not exit on signal") from None
        self._reader.join(5)
        return code

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(5)


@contextlib.contextmanager
def running(*things: Any) -> Iterator[None]:
    try:
        yield
    finally:
        for thing in things:
            with contextlib.suppress(Exception):
                thing.kill()
