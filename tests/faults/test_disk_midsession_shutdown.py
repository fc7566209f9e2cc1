"""The real desk quits cleanly on SIGTERM: no task of the outbox worker dies on the way out.

Before, qasync's last pass over the Qt event queue (after its loop had stopped, with no running
loop set) stepped the outbox supervisor, which died with ``RuntimeError('no running event
loop')`` (or an ``AttributeError`` inside ``asyncio.Event.wait``): "Task exception was never
retrieved" in the log file at every quick shutdown. SIGTERM right after the window is up puts
the supervisor's first steps in that last pass every time.
"""

from __future__ import annotations

from pathlib import Path

from test_disk_desk_start import SHOWN, _config, _desk


def test_sigterm_right_after_start_leaves_no_task_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    code, stderr = _desk(home, _config(tmp_path / "cfg"), "move_aside")
    assert SHOWN in stderr, stderr
    log_file = home / "state" / "Ramal" / "log" / "ramal.log"
    logged = log_file.read_text(encoding="utf-8")
    assert "Ramal" in logged  # the log file is the one the desk wrote
    for text in (stderr, logged):
        assert "never retrieved" not in text, text
        assert "no running event loop" not in text, text
        assert "Traceback" not in text, text
    assert code == 0, stderr
