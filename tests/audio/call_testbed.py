"""A real call for the audio tests: a far-end pjsua2 process, engine events, WAV helpers."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
import wave
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pulse_testbed import die_with_parent
from pytestqt.qtbot import QtBot

from desktop.pcm import samples as pcm
from desktop.settings.model import SipSettings
from desktop.sip.engine import SipEngine
from desktop.sip.events import RegistrationChanged, SipEvent

HERE = Path(__file__).resolve().parent


def write_wav(path: Path, data: bytes, rate: int) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(data)
    return path


def read_wav(path: Path) -> tuple[bytes, int]:
    with wave.open(str(path), "rb") as wav:
        data = wav.readframes(wav.getnframes())
        return pcm.channels_to_mono(data, wav.getnchannels()), wav.getframerate()


class FarEnd:
    """tests/audio/far_end.py as a child process; its JSON events collected by a thread."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen([sys.executable, str(HERE / "far_end.py"), *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            self.seen.append(event["event"])
            self.events.put(event)

    def wait_for(self, name: str, timeout: float = 15.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                event = self.events.get(timeout=0.1)
            except queue.Empty:
                continue
            if event["event"] == name:
                return event
        raise AssertionError(f"far end never said {name!r}; saw {self.seen}; stderr: "
                             f"{self.stderr()}")

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read().decode(errors="replace")[-2000:]

    def stop(self, timeout: float = 10.0) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)


class EngineEvents:
    """The engine's ``on_event``: queues events; ``wait_for`` hands them over on the test's
    (GUI) thread, to ``forward`` too, as the app's thread hop would."""

    def __init__(self, forward: Callable[[SipEvent], None] | None = None) -> None:
        self.queue: queue.Queue[SipEvent] = queue.Queue()
        self.seen: list[SipEvent] = []
        self.forward = forward
        self._backlog: list[SipEvent] = []

    def __call__(self, event: SipEvent) -> None:
        self.queue.put(event)

    def pump(self) -> None:
        """Hand over every queued event now (keeps ``seen`` for later ``wait_for`` calls)."""
        while True:
            try:
                event = self.queue.get_nowait()
            except queue.Empty:
                return
            self._backlog.append(event)
            if self.forward is not None:
                self.forward(event)

    def wait_for(self, kind: type, qtbot: QtBot, timeout: float = 15.0,
                 **fields: Any) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._backlog:
                event = self._backlog.pop(0)
            else:
                try:
                    event = self.queue.get_nowait()
                except queue.Empty:
                    qtbot.wait(20)  # keep Qt's event loop turning (devices open on it)
                    continue
                if self.forward is not None:
                    self.forward(event)
            self.seen.append(event)
            if isinstance(event, kind) and all(getattr(event, k) == v
                                               for k, v in fields.items()):
                return event
        raise AssertionError(f"engine never emitted {kind.__name__} {fields}; saw {self.seen}")


def sip_settings(pbx: Any, extension: str = "101", mode: str = "softphone") -> SipSettings:
    return SipSettings(server="127.0.0.1", port=pbx.port, extension=extension,
                       password=f"secret{extension}", bind_address="127.0.0.1",
                       mode=mode)  # type: ignore[arg-type]


@contextmanager
def registered_engine(events: EngineEvents, pbx: Any, qtbot: QtBot, mode: str = "softphone",
                      **engine_options: Any) -> Iterator[SipEngine]:
    """A SipEngine registered as extension 101 at the test PBX; on exit it must shut down."""
    engine = SipEngine(events, **engine_options)
    engine.start(sip_settings(pbx, mode=mode)).result(10)
    try:
        events.wait_for(RegistrationChanged, qtbot, state="registered")
        yield engine
    finally:
        assert engine.shutdown(5.0)
