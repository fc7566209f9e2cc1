"""The frozen Linux bundle, its .deb and its tarball, as a new user gets them."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import pytest
from packaging_support import ROOT

sys.path.insert(0, str(ROOT / "tests" / "sip"))
from sip_testbed import AgentProcess, Pbx, Sipp, write_config


def _headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH")}
    return {**env, **extra}


def _self_test(executable: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(executable), "--self-test"], cwd=cwd, env=_headless_env(),
                          capture_output=True, text=True, timeout=120)


def _assert_all_ok(proc: subprocess.CompletedProcess[str]) -> None:
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    lines = proc.stdout.strip().splitlines()
    assert "(pacote)" in lines[0]
    assert lines[-1] == "self-test: ok"
    names = [line.split(":")[0].split()[-1] for line in lines[1:-1]]
    assert names == ["sip", "qt-platform", "qt-multimedia", "sqlite", "folders", "translations"]


def test_bundle_self_test_passes(artifacts: Any, tmp_path: Path) -> None:
    # from an unrelated folder: the bundle must not lean on the checkout
    _assert_all_ok(_self_test(artifacts.bundle / "ramal", tmp_path))


def test_bundle_needs_no_library_the_system_lacks(artifacts: Any, linux_build: Any) -> None:
    libraries, missing = linux_build.system_libraries(artifacts.bundle)
    assert missing == []
    # and it leaves the desktop stack to the system rather than shipping stale copies
    assert "libX11.so.6" in libraries and "libpulse.so.0" in libraries
    internal = artifacts.bundle / "_internal"
    assert not (internal / "libX11.so.6").exists() and not (internal / "libglib-2.0.so.0").exists()
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6Multimedia.so.6").is_file()
    assert not (internal / "PySide6" / "Qt" / "lib" / "libQt6Quick.so.6").exists()
    assert not (internal / "PySide6" / "Qt" / "lib" / "libQt6WebEngineCore.so.6").exists()


def test_self_test_names_a_library_missing_from_a_damaged_bundle(
    artifacts: Any, tmp_path: Path
) -> None:
    damaged = tmp_path / "ramal"
    # hard links: a cheap private copy whose files can be removed without touching the build
    subprocess.run(["cp", "-al", str(artifacts.bundle), str(damaged)], check=True)
    (damaged / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Multimedia.so.6").unlink()
    (damaged / "_internal" / "libQt6Multimedia.so.6").unlink(missing_ok=True)
    proc = _self_test(damaged / "ramal", tmp_path)
    assert proc.returncode == 1
    failed = [line for line in proc.stdout.splitlines() if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].startswith("FAIL qt-multimedia"), proc.stdout
    assert "libQt6Multimedia.so.6" in failed[0]
    assert proc.stdout.strip().endswith("self-test: FALHOU (qt-multimedia)")


@pytest.mark.audio
def test_bundle_plays_audio_through_pulseaudio_without_a_media_backend(
    artifacts: Any, tmp_path: Path
) -> None:
    """The bundle leaves out Qt's FFmpeg media backend: its QAudioSink must still play on a real
    PulseAudio server (a user-mode one with a null sink, as tests/audio uses)."""
    sys.path.insert(0, str(ROOT / "tests" / "audio"))
    from pulse_testbed import PulseServer

    pulse = PulseServer(tmp_path / "pulse")
    pulse.start()
    try:
        pulse.add_sink("headset", "Headset de teste")
        proc = subprocess.run([str(artifacts.bundle / "ramal"), "--self-test"], cwd=tmp_path,
                              env=_headless_env(**pulse.env), capture_output=True, text=True,
                              timeout=120)
    finally:
        pulse.stop()
    _assert_all_ok(proc)
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("ok   qt-multimedia"))
    assert "1 saída(s)" in line and "QAudioSink aberto em" in line, line
    assert "backend de mídia: nenhum" in line
    assert not (artifacts.bundle / "_internal" / "PySide6" / "Qt" / "plugins" / "multimedia"
                ).exists()


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_tarball_installs_for_a_new_user_and_runs(artifacts: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with tarfile.open(artifacts.tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    (folder,) = (tmp_path / "unpacked").iterdir()
    env = _headless_env(HOME=str(home), XDG_DATA_HOME=str(home / ".local" / "share"),
                        XDG_CONFIG_HOME=str(home / ".config"))
    proc = subprocess.run(["sh", str(folder / "install.sh")], env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    installed = home / ".local" / "opt" / "ramal" / "ramal"
    assert (home / ".local" / "bin" / "ramal").resolve() == installed.resolve()
    entry = _desktop_entry(home / ".local" / "share" / "applications" / "ramal.desktop")
    assert entry["Exec"] == f'"{installed}" %u'
    assert set(entry["MimeType"].strip(";").split(";")) == {
        "x-scheme-handler/tel", "x-scheme-handler/sip", "x-scheme-handler/callto"}
    assert (home / ".local" / "share" / "icons" / "hicolor" / "48x48" / "apps" / "ramal.png"
            ).is_file()
    _assert_all_ok(_self_test(installed, home))
    # the source tarball's folder can go: the installed copy stands alone
    shutil.rmtree(tmp_path / "unpacked")
    _assert_all_ok(_self_test(installed, home))
    subprocess.run(["sh", str(home / ".local" / "opt" / "ramal" / "uninstall.sh")], env=env,
                   check=True, capture_output=True, timeout=60)
    assert not installed.exists()
    assert not (home / ".local" / "share" / "applications" / "ramal.desktop").exists()


def _deb_field(deb: Path, field: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), field], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_deb_is_complete_and_its_contents_run(artifacts: Any, tmp_path: Path) -> None:
    deb = artifacts.deb
    assert _deb_field(deb, "Package") == "ramal"
    depends = [d.split()[0] for d in _deb_field(deb, "Depends").split(", ")]
    for needed in ("libc6", "libpulse0", "libxcb-cursor0", "libxkbcommon-x11-0",
                   "libfontconfig1", "libdbus-1-3"):
        assert needed in depends
    # every dependency is installable: here, all of them are installed
    status = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Status}\\n", *depends],
                            capture_output=True, text=True)
    not_installed = [line for line in status.stdout.splitlines()
                     if "install ok installed" not in line]
    assert status.returncode == 0 and not not_installed, status.stderr + "\n".join(not_installed)
    contents = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                              check=True).stdout
    for path in ("./usr/share/applications/ramal.desktop", "./opt/ramal/ramal",
                 "./usr/share/icons/hicolor/scalable/apps/ramal.svg",
                 "./usr/share/doc/ramal/copyright", "./usr/bin/ramal -> /opt/ramal/ramal"):
        assert path in contents
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    entry = _desktop_entry(root / "usr" / "share" / "applications" / "ramal.desktop")
    assert entry["Exec"] == "ramal %u" and entry["Icon"] == "ramal"
    assert "x-scheme-handler/tel" in entry["MimeType"]
    licence = (root / "opt" / "ramal" / "_internal" / "resources" / "licenses" / "GPL-2.0.txt")
    assert "GNU GENERAL PUBLIC LICENSE" in licence.read_text()
    _assert_all_ok(_self_test(root / "opt" / "ramal" / "ramal", tmp_path))


@pytest.mark.sip
def test_a_call_through_the_bundles_headless_agent(artifacts: Any, tmp_path: Path) -> None:
    pbx = Pbx(tmp_path)
    pbx.start()
    agent: AgentProcess | None = None
    try:
        config = write_config(tmp_path / "ramal.toml", pbx, "101")
        agent = BundleAgent(artifacts.bundle / "ramal", config, auto_answer=0.2)
        agent.wait_for(event="registration", state="registered", timeout=20)
        sipp = Sipp(tmp_path, pbx, "caller_talk", "101", extra=["-d", "500"])
        incoming = agent.wait_for(event="incoming_call", timeout=20)
        assert incoming["number"] == "+5511987654321"
        agent.wait_for(event="call_state", state="answered", timeout=20)
        ended = agent.wait_for(event="call_ended", timeout=30)
        assert ended["outcome"] == "completed"
        assert sipp.wait() == 0, sipp.report()
    finally:
        if agent is not None:
            agent.kill()
        pbx.stop()


class BundleAgent(AgentProcess):
    """tests/sip's agent harness, started from the frozen executable (no Python, no checkout)."""

    def __init__(self, executable: Path, config: Path, *, auto_answer: float) -> None:
        import threading
        import time

        args = [str(executable), "agent", "--config", str(config), "--auto-answer",
                str(auto_answer)]
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(args, cwd=config.parent, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                                     env=_headless_env())
        self.events: list[dict[str, Any]] = []
        self.lines: list[str] = []
        self.stderr = b""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
