"""``ramal --self-test`` notices a data/log folder that refuses writes (a read-only HOME, a full
disk), with real faults: a tmpfs remounted read-only and a full 64 KiB tmpfs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from disk_faults import read_only_tmpfs, tiny_tmpfs

from desktop.app.selftest import CHECKS, run_self_test


def _folders_line(monkeypatch: pytest.MonkeyPatch, home: Path) -> tuple[int, str]:
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(name, str(home / sub))
    out = io.StringIO()
    code = run_self_test(out, [("folders", dict(CHECKS)["folders"])])
    return code, next(line for line in out.getvalue().splitlines() if "folders" in line)


def test_read_only_home_fails_the_folders_check(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    with read_only_tmpfs(tmp_path / "home", lambda _home: None) as home:
        code, line = _folders_line(monkeypatch, home)
    assert code == 1 and line.startswith("FAIL folders")
    assert "não aceita gravação" in line


def test_full_disk_fails_the_folders_check(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path / "home") as home:
        for sub in ("data/Ramal", "state/Ramal/log"):
            (home / sub).mkdir(parents=True)
        with tiny_tmpfs(home / "data" / "Ramal", full=True):
            code, line = _folders_line(monkeypatch, home)
    assert code == 1 and "pasta de dados" in line and "No space left" in line


def test_writable_folders_pass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, line = _folders_line(monkeypatch, tmp_path)
    assert code == 0 and line.startswith("ok   folders")
