"""Logs, database, settings and the diagnostic zip hold customers' names and phones: on a PC
shared by several local users they are created 0600 in 0700 folders, whatever the umask, and
the settings dialog's save keeps the file's own mode.

Real files on disk, created by the real code with the usual umask 022; modes read with stat.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.settings.model import Settings
from desktop.settings.toml_file import MemorySecretStore, save_settings_document
from desktop.store.database import open_database
from desktop.system.diagnostics import export_diagnostics
from desktop.system.logging_setup import setup_logging

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)  # what a desktop session usually has: files 0644, folders 0755
    yield
    os.umask(old)


@pytest.fixture
def detach_logging() -> Iterator[None]:
    before = list(logging.getLogger().handlers)
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


def test_log_folder_and_files_are_private_also_after_rotation(
        tmp_path: Path, detach_logging: None) -> None:
    log_dir = tmp_path / "state" / "Ramal" / "log"
    setup_logging(log_dir=log_dir, console=False)
    logging.getLogger("ramal.test").warning("cliente Maria Silva, (11) 98765-4321")
    handler = next(h for h in logging.getLogger().handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler))
    handler.doRollover()
    logging.getLogger("ramal.test").warning("depois da rotação")
    assert mode(log_dir) == 0o700
    assert mode(log_dir.parent) == 0o700  # created by Ramal too
    assert mode(log_dir / "ramal.log") == 0o600
    assert mode(log_dir / "ramal.log.1") == 0o600


def test_logs_left_readable_by_an_older_version_are_narrowed(
        tmp_path: Path, detach_logging: None) -> None:
    log_dir = tmp_path / "log"
    log_dir.mkdir(mode=0o755)
    for name in ("ramal.log", "ramal.log.1"):
        (log_dir / name).write_text("linha antiga\n")
        (log_dir / name).chmod(0o644)
    setup_logging(log_dir=log_dir, console=False)
    logging.getLogger("ramal.test").warning("nova linha")
    assert mode(log_dir) == 0o700
    assert mode(log_dir / "ramal.log") == 0o600
    assert mode(log_dir / "ramal.log.1") == 0o600
    assert "linha antiga" in (log_dir / "ramal.log").read_text()  # narrowed, not truncated


def test_database_and_its_wal_and_shm_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "Ramal" / "ramal.sqlite3"
    db = open_database(path)
    try:
        db["calls"].insert({"number": "+5511987654321", "name": "Maria Silva"})
        for suffix in ("", "-wal", "-shm"):
            file = path.with_name(path.name + suffix)
            assert file.exists(), file
            assert mode(file) == 0o600, file
        assert mode(path.parent) == 0o700
    finally:
        db.conn.close()


def test_existing_wide_database_is_narrowed_on_open(tmp_path: Path) -> None:
    path = tmp_path / "ramal.sqlite3"
    db = open_database(path)
    db["calls"].insert({"number": "1"})
    db.conn.close()
    path.chmod(0o644)
    db = open_database(path)
    try:
        assert db["calls"].count == 1
        assert mode(path) == 0o600
    finally:
        db.conn.close()


DOCUMENT = {"sip": {"server": "pbx", "extension": "101", "password": "s3nha"},
            "ixc": {"url": "https://erp", "token": "1:abc"}}


def test_a_new_settings_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "config" / "Ramal" / "ramal.toml"
    save_settings_document(DOCUMENT, path, MemorySecretStore())
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


@pytest.mark.parametrize("chosen", [0o600, 0o640])
def test_saving_keeps_the_mode_the_file_had(tmp_path: Path, chosen: int) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    path = home / "ramal.toml"   # --config ~/ramal.toml
    path.write_text("[sip]\n")
    path.chmod(chosen)  # e.g. an IT person shares it read-only with the agents' group
    save_settings_document(DOCUMENT, path, MemorySecretStore())
    assert mode(path) == chosen
    assert 'server = "pbx"' in path.read_text()
    # the folder the user chose for --config is theirs: its mode is not changed
    assert mode(home) == 0o755


def test_diagnostic_zip_is_private(tmp_path: Path) -> None:
    out = tmp_path / "Área de Trabalho"
    out.mkdir()
    archive = export_diagnostics(out, Settings(), log_dir=tmp_path / "no-logs")
    assert mode(archive) == 0o600
    assert mode(out) == 0o755  # the agent's own folder keeps its mode
