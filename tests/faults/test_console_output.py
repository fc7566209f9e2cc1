"""The command-line commands on the consoles and environments people really have.

Each runs the real ``python main.py`` in a subprocess: no display, a console that cannot encode
"ã", a reader that closes the pipe after one line, a mistyped ``RAMAL_LOG_LEVEL``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.demo.simulators.ixc import DEMO_NUMBERS, DEMO_TOKEN, SimulatorHandle, start_simulator

ROOT = Path(__file__).resolve().parents[2]

# José's record has letters ASCII lacks, and its text lines a "→"-free but accented summary
NUMBER = DEMO_NUMBERS["bloqueio_automatico"].number


@pytest.fixture
def sim() -> Iterator[SimulatorHandle]:
    with start_simulator() as handle:
        yield handle


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTHONIOENCODING",
                        "PYTHONUTF8", "LC_ALL", "LANG", "LC_CTYPE")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), XDG_STATE_HOME=str(tmp_path / "state"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT), **extra)
    return env


def _ixc_config(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "ramal.toml"
    path.write_text(f'[ixc]\nurl = "{url}"\ntoken = "{DEMO_TOKEN}"\n', encoding="utf-8")
    return path


def _main(args: list[str], env: dict[str, str], tmp_path: Path
          ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path, env=env,
                          capture_output=True, timeout=90, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", [[], ["demo"]])
def test_no_display_says_so_in_portuguese_and_points_to_the_agent(
        command: list[str], tmp_path: Path) -> None:
    done = _main(command, _env(tmp_path), tmp_path)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert "Não há sessão gráfica" in stderr and "ramal agent" in stderr
    assert "reinstall" not in stderr and "Traceback" not in stderr


def test_offscreen_platform_counts_as_a_session() -> None:
    from desktop.app.display_check import missing_display

    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert missing_display({"DISPLAY": ":3"}, "linux") == ""
    assert missing_display({"QT_QPA_PLATFORM": "wayland", "DISPLAY": ":3"}, "linux") != ""
    assert missing_display({}, "win32") == ""


@pytest.mark.parametrize(("console", "encoding"), [
    ({"PYTHONIOENCODING": "cp1252"}, "cp1252"),                           # a Windows redirect
    ({"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}, "ascii"),  # LANG=C, a pipe
])
def test_lookup_prints_on_a_console_without_utf8(console: dict[str, str], encoding: str,
                                                 sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = _ixc_config(tmp_path, sim.url)
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen", **console)
    text = _main(["lookup", NUMBER, "--config", str(cfg)], env, tmp_path)
    assert text.returncode == 0, text.stderr.decode(errors="replace")
    assert b"Traceback" not in text.stderr
    assert b"Pereira" in text.stdout and b"total em atraso R$" in text.stdout
    as_json = _main(["lookup", NUMBER, "--config", str(cfg), "--json"], env, tmp_path)
    assert as_json.returncode == 0, as_json.stderr.decode(errors="replace")
    # the JSON stays exact (\u escapes where needed): a script reading it gets every letter
    data = json.loads(as_json.stdout.decode(encoding))
    assert data["matches"][0]["customer"]["name"] == "José Carlos Pereira"


def test_lookup_into_a_reader_that_closes_early_exits_0(sim: SimulatorHandle,
                                                        tmp_path: Path) -> None:
    cfg = _ixc_config(tmp_path, sim.url)
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen")
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -0`: the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, str(ROOT / "main.py"), "lookup", NUMBER,
                               "--config", str(cfg)], cwd=tmp_path, env=env, stdout=write_end,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=90)
    finally:
        os.close(write_end)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert done.stderr == b""


def test_invalid_log_level_names_the_levels_and_goes_on(tmp_path: Path) -> None:
    env = _env(tmp_path, QT_QPA_PLATFORM="offscreen", RAMAL_LOG_LEVEL="verbose")
    # a configuration without [sip]: past the log set-up the agent stops with its usual exit 2
    cfg = tmp_path / "ramal.toml"
    cfg.write_text('[ixc]\nurl = "http://127.0.0.1:9"\ntoken = "1:x"\n', encoding="utf-8")
    done = _main(["agent", "--config", str(cfg)], env, tmp_path)
    stderr = done.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert "RAMAL_LOG_LEVEL=verbose" in stderr and "DEBUG, INFO, WARNING" in stderr
    assert done.returncode == 2  # the missing [sip] section, reported as before


def test_log_level_names_in_any_case() -> None:
    import logging

    from desktop.system.logging_setup import log_level_from_env

    assert log_level_from_env("debug", logging.WARNING) == (logging.DEBUG, "")
    assert log_level_from_env(None, logging.WARNING) == (logging.WARNING, "")
    level, problem = log_level_from_env("5", logging.WARNING)
    assert level == logging.WARNING and "WARNING" in problem
