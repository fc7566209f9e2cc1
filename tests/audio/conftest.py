"""Fixtures for the audio tests: a private PulseAudio server with a headset, PC speakers and a
FIFO microphone, and helpers to play into / record from them.

The server's socket path is fixed when this file is imported, before any test touches Qt
Multimedia: Qt's PulseAudio backend connects once per process, so ``PULSE_SERVER`` must be right
from the start.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pulse_testbed import FifoMicrophone, PulseServer  # noqa: E402

_WORKDIR = Path(tempfile.mkdtemp(prefix="ramal-audio-"))
_SERVER = PulseServer(_WORKDIR)
os.environ["PULSE_SERVER"] = f"unix:{_SERVER.socket}"
os.environ.setdefault("XDG_RUNTIME_DIR", str(_SERVER.runtime))

HEADSET = "ramal_headset"
SPEAKERS = "ramal_speakers"
MIC = "ramal_mic"
# unplugged by the fallback test; created with the others, before Qt starts (see docs/audio.md:
# Qt 6.11's PulseAudio backend misses the removal of a device; it does see a new one)
USB_HEADSET = "ramal_usb"


def load_sip_testbed() -> object:
    """The SIP tests' own Kamailio/SIPp helpers (tests/sip/sip_testbed.py), imported by path."""
    if "sip_testbed" in sys.modules:
        return sys.modules["sip_testbed"]
    spec = importlib.util.spec_from_file_location("sip_testbed",
                                                  HERE.parent / "sip" / "sip_testbed.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["sip_testbed"] = module
    spec.loader.exec_module(module)
    return module


_started = False


def _start_server() -> None:
    global _started
    if _started:
        return
    _started = True
    _SERVER.start()
    # the headset at 48 kHz stereo and the speakers at 44.1 kHz, like real USB/onboard
    # devices, so the bridge's 16 kHz mono has to be converted on the way
    _SERVER.add_sink(HEADSET, "Headset USB", rate=48000, channels=2)
    _SERVER.add_sink(SPEAKERS, "Alto-falantes", rate=44100, channels=2)
    _SERVER.add_sink(USB_HEADSET, "Headset que vai ser desconectado", rate=48000)
    _SERVER.add_fifo_source(MIC, "Microfone do headset", _WORKDIR / "mic.fifo", rate=16000)
    _SERVER.set_default_sink(SPEAKERS)
    _SERVER.set_default_source(MIC)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the server before the first test of the session when audio tests are selected:
    a test elsewhere (tests/ui builds the audio settings page) may touch Qt Multimedia first,
    and a backend that found no server at PULSE_SERVER never looks again in this process."""
    if any(Path(str(item.path)).is_relative_to(HERE) for item in session.items):
        _start_server()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _started:
        _SERVER.stop()


@pytest.fixture(scope="session")
def pulse() -> PulseServer:
    _start_server()
    return _SERVER


@pytest.fixture(scope="session")
def pbx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The SIP tests' Kamailio (tests/sip/pbx/kamailio.cfg) on a free port."""
    testbed: Any = load_sip_testbed()
    server = testbed.Pbx(tmp_path_factory.mktemp("pbx"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def microphone(pulse: PulseServer) -> Iterator[FifoMicrophone]:
    mic = FifoMicrophone(_WORKDIR / "mic.fifo", rate=16000)
    try:
        yield mic
    finally:
        mic.close()
