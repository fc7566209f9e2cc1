"""``ramal --self-test`` from the source tree (the frozen bundle's is in tests/packaging)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.app.selftest import CHECKS, run_self_test

ROOT = Path(__file__).resolve().parents[1]


def test_self_test_passes_here_and_keeps_stdout_clean() -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.run([sys.executable, "main.py", "--self-test"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    lines = proc.stdout.strip().splitlines()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert lines[-1] == "self-test: ok"
    reported = {line.split(":")[0].split()[-1]: line for line in lines[1:-1]}
    assert set(reported) == {name for name, _ in CHECKS}
    assert all(line.startswith("ok ") for line in reported.values())
    assert "pjproject 2.15" in reported["sip"]
    if sys.platform.startswith("linux"):
        # no display: the self-test falls back to offscreen and still loads xcb itself
        assert "plataforma em uso offscreen" in reported["qt-platform"]
        assert "qxcb" in reported["qt-platform"]
    else:
        assert "qwindows" in reported["qt-platform"]
    assert "ffmpeg" in reported["qt-multimedia"]
    assert '"Cancel" → "Cancelar"' in reported["translations"]
    # pjlib's start-up chatter goes to the log, neither into the report nor onto the console
    assert "pjlib" not in proc.stdout
    assert not _pjsip_lines(proc.stdout + proc.stderr), proc.stderr


# pjlib's log format: "02:55:14.629   os_core_unix.c !pjlib 2.15.1 for POSIX initialized"
_PJSIP_LINE = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} |\b\w+\.c\s+[.!]|pjsua_core\.c")


def _pjsip_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if _PJSIP_LINE.search(line)]


def test_a_failing_check_is_reported_with_its_reason_and_the_rest_still_run() -> None:
    def missing_library() -> str:
        import ctypes

        ctypes.CDLL("libramal-does-not-exist.so.9")
        return "unreachable"

    out = io.StringIO()
    checks = [("sqlite", dict(CHECKS)["sqlite"]), ("broken", missing_library)]
    assert run_self_test(out, checks) == 1
    text = out.getvalue()
    assert "FAIL broken: OSError: libramal-does-not-exist.so.9" in text
    assert "ok   sqlite: SQLite" in text
    assert text.strip().splitlines()[-1] == "self-test: FALHOU (broken)"


@pytest.mark.audio
def test_multimedia_check_plays_on_a_real_pulseaudio_output(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "audio"))
    from pulse_testbed import PulseServer

    pulse = PulseServer(tmp_path)
    pulse.start()
    try:
        pulse.add_sink("headset", "Headset de teste")
        env = {**os.environ, **pulse.env, "QT_QPA_PLATFORM": "offscreen"}
        proc = subprocess.run([sys.executable, "main.py", "--self-test"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    finally:
        pulse.stop()
    line = next(ln for ln in proc.stdout.splitlines() if "qt-multimedia" in ln)
    assert line.startswith("ok "), line
    assert 'QAudioSink aberto em "Headset de teste"' in line
