"""Single instance: real second processes talk to the first over the real local socket."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.app.single_instance import SingleInstance, default_server_name

ROOT = Path(__file__).resolve().parents[1]

# a second Ramal, reduced to the single-instance part: prints "primary" or "sent"/"not-sent";
# as primary it stays up for argv[3] seconds answering, then exits
_OTHER_PROCESS = """
import sys, time
from PySide6.QtCore import QCoreApplication
from desktop.app.single_instance import SingleInstance
app = QCoreApplication([])
instance = SingleInstance(sys.argv[1])
if instance.try_primary():
    print("primary", flush=True)
    deadline = time.monotonic() + float(sys.argv[3])
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
else:
    print("sent" if instance.send(sys.argv[2]) else "not-sent", flush=True)
"""


def _start(name: str, message: str, linger_s: float = 0.0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-c", _OTHER_PROCESS, name, message, str(linger_s)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )


def _finish(proc: subprocess.Popen[str]) -> str:
    try:
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return out.strip()


@pytest.fixture
def name() -> str:
    return f"RamalTest-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def primary(qtbot: QtBot, name: str) -> Iterator[SingleInstance]:  # qtbot: the QApplication
    instance = SingleInstance(name)
    assert instance.try_primary()
    yield instance
    instance.close()


def test_second_launch_hands_its_dial_link_to_the_running_app(
    qtbot: QtBot, primary: SingleInstance, name: str
) -> None:
    with qtbot.waitSignal(primary.message_received, timeout=20_000) as blocker:
        proc = _start(name, "tel:+55 11 98765-4321")
    assert blocker.args == ["tel:+55 11 98765-4321"]
    assert _finish(proc) == "sent"
    assert proc.returncode == 0


def test_plain_second_launch_sends_an_empty_show_message(
    qtbot: QtBot, primary: SingleInstance, name: str
) -> None:
    with qtbot.waitSignal(primary.message_received, timeout=20_000) as blocker:
        proc = _start(name, "")
    assert blocker.args == [""]
    assert _finish(proc) == "sent"


def test_messages_from_several_launches_all_arrive(
    qtbot: QtBot, primary: SingleInstance, name: str
) -> None:
    received: list[str] = []
    primary.message_received.connect(received.append)
    procs = [_start(name, f"sip:10{i}@pbx.example") for i in range(3)]
    qtbot.waitUntil(lambda: len(received) == 3, timeout=30_000)
    assert sorted(received) == [f"sip:10{i}@pbx.example" for i in range(3)]
    assert [_finish(p) for p in procs] == ["sent"] * 3


def test_two_simultaneous_launches_elect_exactly_one_primary(name: str) -> None:
    first, second = _start(name, "tel:1", linger_s=4), _start(name, "tel:2", linger_s=4)
    outputs = sorted([_finish(first), _finish(second)])
    assert outputs == ["primary", "sent"]


def test_a_crashed_primary_does_not_block_the_next_start(qtbot: QtBot, name: str) -> None:
    crashed = _start(name, "", linger_s=60)
    assert crashed.stdout is not None
    assert crashed.stdout.readline().strip() == "primary"
    if sys.platform == "win32":
        crashed.kill()
    else:
        os.kill(crashed.pid, signal.SIGKILL)  # no clean-up: the socket file stays behind
    crashed.wait(timeout=10)
    crashed.stdout.close()
    instance = SingleInstance(name)
    try:
        assert instance.try_primary()
        with qtbot.waitSignal(instance.message_received, timeout=20_000) as blocker:
            proc = _start(name, "callto:+551133334444")
        assert blocker.args == ["callto:+551133334444"]
        assert _finish(proc) == "sent"
    finally:
        instance.close()


def test_after_close_another_process_can_take_over(qtbot: QtBot, name: str) -> None:
    instance = SingleInstance(name)
    assert instance.try_primary()
    assert instance.try_primary()  # asking again keeps it
    instance.close()
    started = time.monotonic()
    assert _finish(_start(name, "", linger_s=0)) == "primary"
    assert time.monotonic() - started < 30


def test_default_name_is_stable_and_per_user() -> None:
    assert default_server_name() == default_server_name()
    assert default_server_name().startswith("Ramal-")
    assert len(default_server_name()) < 60  # Unix socket paths are limited to ~100 bytes


@pytest.mark.sip
def test_a_tel_link_click_makes_the_running_desk_dial(tmp_path: Path) -> None:
    """The whole path: `ramal gui` runs registered; `ramal tel:...` (what the browser starts)
    hands the link over and exits; the desk dials it and the INVITE reaches the PBX; the desk
    also writes its log file."""
    sys.path.insert(0, str(ROOT / "tests" / "sip"))
    from sip_testbed import Pbx, wait_until, write_config

    pbx = Pbx(tmp_path)
    pbx.start()
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
           "XDG_STATE_HOME": str(home / "state"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_RUNTIME_DIR": str(home)}
    config = write_config(tmp_path / "ramal.toml", pbx, "101")
    desk = subprocess.Popen([sys.executable, "main.py", "gui", "--config", str(config)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        assert wait_until(lambda: pbx.registers("101"), 30), pbx.log()[-2000:]
        click = subprocess.run([sys.executable, "main.py", "tel:+55 (11) 3333-4444"], cwd=ROOT,
                               env=env, capture_output=True, text=True, timeout=60)
        assert click.returncode == 0, click.stderr
        assert wait_until(lambda: "INVITE to sip:+551133334444@" in pbx.log(), 20), (
            pbx.log()[-2000:])
        assert desk.poll() is None  # the desk kept running; the click's process is gone
        logs = list((home / "state").rglob("ramal.log"))
        assert logs and "Ramal" in logs[0].read_text(encoding="utf-8")
    finally:
        desk.terminate()
        try:
            desk.wait(15)
        except subprocess.TimeoutExpired:
            desk.kill()
            desk.wait()
        pbx.stop()
