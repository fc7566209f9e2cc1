"""The whole desk on a real X display with a system tray: real SIP calls, the simulator's
records, the popup's buttons; screenshots go to docs/screenshots/ (shown in the README)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"

pytestmark = pytest.mark.gui


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def x_display() -> Iterator[str]:
    """Xvfb on a display number it picks itself (-displayfd), plus trayer as the system tray."""
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert xvfb.stdout is not None
    number = xvfb.stdout.readline().decode().strip()
    assert number.isdigit(), "Xvfb did not report its display"
    display = f":{number}"
    tray = subprocess.Popen(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request",
         "--height", "24"], env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield display
    finally:
        _stop(tray)
        _stop(xvfb)


def run_harness(display: str, *args: str, timeout: float = 180) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([sys.executable, str(ROOT / "tests/ui/desk_harness.py"), *args],
                          env=env, cwd=ROOT, capture_output=True, timeout=timeout)
    lines = [ln for ln in done.stdout.decode().splitlines() if ln.startswith("RESULT ")]
    assert lines, done.stderr.decode()[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert "error" not in result, result
    assert done.returncode == 0
    return result


def test_desk_end_to_end_with_screenshots(x_display: str, tmp_path: Path) -> None:
    result = run_harness(x_display, "--calls",
                         "bloqueio_automatico,familia,desconhecido,anonymous,interno",
                         "--answer-first", "--shots", str(tmp_path))
    assert result["tray_available"] is True
    assert result["tray_tooltip"] == "Ramal — Ramal registrado"
    calls = {c["key"]: c for c in result["calls"]}

    blocked = calls["bloqueio_automatico"]
    assert blocked["number"] == "(11) 98123-4567"
    assert blocked["customer"] and blocked["lookup"] == "Cliente encontrado no IXC"
    assert any(b.startswith("Bloqueado") for b in blocked["badges"])
    assert any(b.startswith("Financeiro em atraso") for b in blocked["badges"])
    assert blocked["answered"] and blocked["outcome"] == "completed"

    assert calls["familia"]["picks"] == [108, 109, 110]
    assert calls["familia"]["outcome"] == "rejected"
    assert calls["desconhecido"]["lookup"] == "Nenhum cliente com este número no IXC."
    assert calls["anonymous"]["lookup"] == "Número oculto: sem busca no IXC."
    assert calls["anonymous"]["number"] == "Número oculto"
    assert calls["interno"]["lookup"] == "Ramal interno: sem busca no IXC."
    assert result["history_rows"] == 5

    for call in result["calls"]:
        assert call["invite_at"] <= call["popup_exposed_at"]
        assert (tmp_path / call["shot"]).stat().st_size > 10_000
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name in ("popup_bloqueio_automatico.png", "popup_familia.png",
                 "popup_desconhecido.png", "main_window_in_call.png",
                 "screen_bloqueio_automatico.png"):
        shutil.copyfile(tmp_path / name, SHOTS / name)
