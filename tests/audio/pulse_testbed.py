"""Real audio devices without a sound card: a private PulseAudio server for the tests.

``PulseServer`` starts ``pulseaudio`` in the foreground (so its PID is ours to kill) with its own
runtime folder and socket, then adds ``module-null-sink`` sinks (headsets, speakers: whatever
is played there can be recorded from ``<sink>.monitor`` with ``parec``) and a
``module-pipe-source`` microphone fed through a FIFO. Qt Multimedia sees them as ordinary devices
once ``PULSE_SERVER`` points at the socket.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path


def die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the test process dies, even by a crash, so
    no server or recorder outlives a run that never reached its teardown (Linux prctl)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


PULSEAUDIO = shutil.which("pulseaudio") or "/usr/bin/pulseaudio"
PACTL = shutil.which("pactl") or "/usr/bin/pactl"
PAREC = shutil.which("parec") or "/usr/bin/parec"


class PulseServer:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.runtime = workdir / "run"
        self.home = workdir / "home"
        self.socket = self.runtime / "pulse.sock"
        self.log_path = workdir / "pulseaudio.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.env: dict[str, str] = {}
        self._modules: dict[str, int] = {}

    def start(self, timeout: float = 15.0) -> None:
        self.runtime.mkdir(parents=True, exist_ok=True)
        self.runtime.chmod(0o700)
        self.home.mkdir(parents=True, exist_ok=True)
        self.env = {
            "XDG_RUNTIME_DIR": str(self.runtime),
            "HOME": str(self.home),
            # the socket allows anonymous clients, so no cookie has to be shared
            "PULSE_SERVER": f"unix:{self.socket}",
        }
        log = open(self.log_path, "wb")  # noqa: SIM115 - handed to the child
        # --daemonize=no: the PID we get is the server's; -n: no default.pa (no autodetected
        # hardware, no X11/D-Bus modules); running as root here is fine for a private socket
        self.proc = subprocess.Popen(
            [PULSEAUDIO, "--daemonize=no", "-n", "--exit-idle-time=-1", "--use-pid-file=no",
             "--disallow-exit", "--disable-shm=yes", "--log-target=stderr",
             f"--load=module-native-protocol-unix socket={self.socket} auth-anonymous=1"],
            env={**os.environ, **self.env}, stdout=log, stderr=log, stdin=subprocess.DEVNULL,
            preexec_fn=die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            if self.socket.exists() and self.pactl("info").returncode == 0:
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"pulseaudio did not start:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def pactl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([PACTL, *args], env={**os.environ, **self.env},
                              capture_output=True, text=True, timeout=10)

    def _load(self, name: str, module: str, *args: str) -> int:
        result = self.pactl("load-module", module, *args)
        if result.returncode != 0:
            raise RuntimeError(f"pactl load-module {module} failed: {result.stderr}\n"
                               f"{self.log()[-2000:]}")
        index = int(result.stdout.strip())
        self._modules[name] = index
        return index

    def add_sink(self, name: str, description: str, rate: int = 48000,
                 channels: int = 2) -> None:
        self._load(name, "module-null-sink", f"sink_name={name}", f"rate={rate}",
                   f"channels={channels}",
                   f"sink_properties=\"device.description='{description}'\"")

    def add_fifo_source(self, name: str, description: str, fifo: Path,
                        rate: int = 16000) -> None:
        # the module makes the FIFO itself and refuses an existing path
        with contextlib.suppress(FileNotFoundError):
            fifo.unlink()
        self._load(name, "module-pipe-source", f"source_name={name}", f"file={fifo}",
                   "format=s16le", f"rate={rate}", "channels=1",
                   f"source_properties=\"device.description='{description}'\"")

    def remove(self, name: str) -> None:
        index = self._modules.pop(name)
        result = self.pactl("unload-module", str(index))
        if result.returncode != 0:
            raise RuntimeError(f"pactl unload-module {index} failed: {result.stderr}")

    def set_default_sink(self, name: str) -> None:
        self.pactl("set-default-sink", name)

    def set_default_source(self, name: str) -> None:
        self.pactl("set-default-source", name)


class MonitorRecording:
    """``parec`` on ``<sink>.monitor`` as 16-bit mono at ``rate``, until :meth:`stop`."""

    def __init__(self, server: PulseServer, sink: str, rate: int = 16000) -> None:
        self.rate = rate
        self._out = server.workdir / f"rec-{sink}-{time.monotonic_ns()}.raw"
        fh = open(self._out, "wb")  # noqa: SIM115 - handed to the child
        self.proc = subprocess.Popen(
            [PAREC, "-d", f"{sink}.monitor", "--format=s16le", f"--rate={rate}",
             "--channels=1", "--raw", "--latency-msec=20"],
            env={**os.environ, **server.env}, stdout=fh, stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL, preexec_fn=die_with_parent,
        )
        fh.close()
        # an idle null sink renders in big blocks (up to ~2 s) until a client asks for less:
        # start the test only once audio is actually flowing into the file
        deadline = time.monotonic() + 10
        while self._out.stat().st_size == 0 and time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"parec on {sink}.monitor exited with {self.proc.returncode}")
            time.sleep(0.02)

    def stop(self) -> bytes:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        data = self._out.read_bytes()
        return data[: len(data) - len(data) % 2]


class FifoMicrophone:
    """Feeds PCM into a pipe-source FIFO at real-time pace from a thread (silence when idle)."""

    def __init__(self, fifo: Path, rate: int = 16000) -> None:
        self.rate = rate
        self._fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        self._queue = bytearray()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def say(self, data: bytes) -> None:
        with self._lock:
            self._queue += data

    def _run(self) -> None:
        chunk = self.rate * 2 // 50   # 20 ms
        next_at = time.monotonic()
        while not self._stop.is_set():
            with self._lock:
                data = bytes(self._queue[:chunk])
                del self._queue[:chunk]
            data += bytes(chunk - len(data))
            with contextlib.suppress(BlockingIOError):
                os.write(self._fd, data)
            next_at += 0.02
            time.sleep(max(0.0, next_at - time.monotonic()))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        os.close(self._fd)
