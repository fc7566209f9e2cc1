"""The real ``python main.py gui`` starts on a damaged database and on a read-only HOME.

Before, both stopped the desk with a traceback and no window. The start-up dialog's button is
pressed through ``RAMAL_TEST_DATABASE_CHOICE``; the desk prints a marker on stderr once its
window is up, then SIGTERM must quit it cleanly (exit 0).
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from disk_faults import read_only_tmpfs

ROOT = Path(__file__).resolve().parents[2]
SHOWN = "ramal-test: desk shown"


def _desk(home: Path, config: Path, choice: str) -> tuple[int, str]:
    """Start the desk with ``home`` as HOME and XDG folders; its exit code and stderr."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_STATE_HOME=str(home / "state"),
               XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
               XDG_RUNTIME_DIR=str(config.parent), PYTHONPATH=str(ROOT),
               RAMAL_TEST_DATABASE_CHOICE=choice)
    desk = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "gui", "--config",
                             str(config)], cwd=config.parent, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []

    def read() -> None:
        assert desk.stderr is not None
        for line in desk.stderr:
            lines.put(line)
        lines.put("")  # end of stream: the desk exited

    threading.Thread(target=read, daemon=True).start()
    try:
        while True:  # until the window is up, or the desk died trying
            line = lines.get(timeout=60)
            seen.append(line)
            if not line or SHOWN in line:
                break
        if desk.poll() is None:
            desk.send_signal(signal.SIGTERM)
        code = desk.wait(30)
    finally:
        if desk.poll() is None:
            desk.kill()
            desk.wait(5)
    while True:
        try:
            seen.append(lines.get(timeout=5))
        except queue.Empty:
            break
        if not seen[-1]:
            break
    return code, "".join(seen)


def _config(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ramal.toml"
    # companion mode without a PBX answer is fine: the desk only has to start
    path.write_text('[sip]\nserver = "127.0.0.1"\nport = 9\nextension = "101"\n'
                    'password = "x"\n', encoding="utf-8")
    return path


def test_desk_starts_on_a_damaged_database_after_moving_it_aside(tmp_path: Path) -> None:
    home = tmp_path / "home"
    data = home / "data" / "Ramal"
    data.mkdir(parents=True)
    damaged = b"isto nao e um banco sqlite!" * 200
    (data / "ramal.sqlite3").write_bytes(damaged)
    code, stderr = _desk(home, _config(tmp_path / "cfg"), "move_aside")
    assert SHOWN in stderr and "Traceback" not in stderr, stderr
    assert code == 0, stderr
    kept = [p for p in data.iterdir() if ".danificado-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert (data / "ramal.sqlite3").read_bytes()[:16] == b"SQLite format 3\0"


def test_desk_starts_without_history_on_a_read_only_home(tmp_path: Path) -> None:
    config = _config(tmp_path / "cfg")
    with read_only_tmpfs(tmp_path / "home", lambda _home: None) as home:
        code, stderr = _desk(home, config, "without_history")
    # logging goes to stderr here; only start-up matters (up to the marker)
    assert SHOWN in stderr and "Traceback" not in stderr.split(SHOWN)[0], stderr
    assert "Não foi possível gravar o log" in stderr  # said on stderr and in the window
    assert code == 0, stderr
