"""``ramal --self-test``: can this installation run Ramal? Checked part by part, with the reason.

Meant for the installer's last step, CI on the frozen bundle, and the ISP's IT person on a PC
where Ramal misbehaves. Each check exercises the real thing, not the presence of a file:

- ``sip``: pjsua2 imports (its lazily loaded SWIG module and bundled libraries, the MSVC runtime
  on Windows) and starts a null-audio endpoint on a loopback UDP port;
- ``qt-platform``: a QApplication starts, and the platform plugins this OS needs load (a missing
  system library such as libxcb-cursor0 shows here with the library's name);
- ``qt-multimedia``: Qt Multimedia imports, the audio devices list, a QAudioSink opens on the
  default output (the bundles carry no media backend plugin: Ramal's audio classes need none);
- ``sqlite``: Ramal's store opens a database file, migrates it, writes and reads back;
- ``folders``: the data and log folders take a real write (a read-only HOME, a full disk);
- ``translations``: Qt's pt-BR catalogue and Ramal's own catalogues load and translate.

Prints one line per check and exits 0 when all pass, 1 otherwise. Network: none beyond binding
127.0.0.1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop import APP_NAME, __version__

EXIT_SELF_TEST_FAILED = 1


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


# platform plugins that must load on each OS (Wayland is reported, not required: an X11-only
# desktop lacks the Wayland client libraries and still runs Ramal)
_REQUIRED_PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux": ("qxcb", "qoffscreen"),
    "win32": ("qwindows", "qoffscreen"),
    "darwin": ("qcocoa", "qoffscreen"),
}


def _plugin_files(category: str) -> list[Path]:
    from PySide6.QtCore import QLibraryInfo

    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / category
    suffixes = {".so", ".dll", ".dylib"}
    return sorted(p for p in folder.glob("*") if p.suffix in suffixes) if folder.is_dir() else []


def _plugin_stem(path: Path) -> str:
    stem = path.name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def _load_plugin(path: Path) -> str:
    """Load a Qt plugin; return "" or Qt's reason (which names a missing library)."""
    from PySide6.QtCore import QPluginLoader

    loader = QPluginLoader(str(path))
    return "" if loader.load() else loader.errorString()


def check_sip() -> str:
    from desktop.sip.selfcheck import check_sip_stack

    stack = check_sip_stack()
    codecs = ", ".join(dict.fromkeys(c.split("/")[0] for c in stack.codecs))
    return (f"pjproject {stack.pjproject_version}, endpoint de áudio nulo na porta UDP "
            f"{stack.sip_port}, codecs: {codecs}")


def _ensure_application() -> object:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # without a display (CI, a service account) Qt would abort on xcb: use offscreen there,
        # and check the xcb plugin itself below by loading it
        if (sys.platform.startswith("linux") and "QT_QPA_PLATFORM" not in os.environ
                and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    return app


def check_qt_platform() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QSystemTrayIcon

    _ensure_application()
    os_key = "linux" if sys.platform.startswith("linux") else sys.platform
    available = {_plugin_stem(p): p for p in _plugin_files("platforms")}
    problems = []
    for stem in _REQUIRED_PLATFORMS.get(os_key, ("qoffscreen",)):
        if stem not in available:
            problems.append(f"plugin {stem} ausente")
        elif reason := _load_plugin(available[stem]):
            problems.append(f"plugin {stem} não carrega: {reason}")
    if problems:
        raise RuntimeError("; ".join(problems))
    wayland = ""
    if "qwayland" in available:
        loads = not _load_plugin(available["qwayland"])
        wayland = ", wayland " + ("ok" if loads else "indisponível")
    tray = "sim" if QSystemTrayIcon.isSystemTrayAvailable() else "não"
    return (f"Qt {qVersion()} (PySide6 {pyside_version}), plataforma em uso "
            f"{QGuiApplication.platformName()}, plugins {', '.join(sorted(available))}{wayland}; "
            f"bandeja do sistema disponível: {tray}")


def check_qt_multimedia() -> str:
    """Qt Multimedia loads, lists the audio devices, and a QAudioSink plays on the default output.

    The bundles ship no media backend plugin on purpose (packaging/bundle_selection.py): Qt's
    audio classes, all Ramal uses, work without one. A backend found (the source tree has
    PySide6's FFmpeg plugin) must load, though.
    """
    from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices

    _ensure_application()
    plugins = _plugin_files("multimedia")
    failures = {p.name: reason for p in plugins if (reason := _load_plugin(p))}
    if failures:
        raise RuntimeError("; ".join(f"{name}: {why}" for name, why in failures.items()))
    outputs = QMediaDevices.audioOutputs()
    inputs = QMediaDevices.audioInputs()
    played = "nenhuma saída de áudio para testar"
    device = QMediaDevices.defaultAudioOutput()
    if not device.isNull():
        audio_format = QAudioFormat()
        audio_format.setSampleRate(48000)
        audio_format.setChannelCount(1)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        if not device.isFormatSupported(audio_format):
            audio_format = device.preferredFormat()
        sink = QAudioSink(device, audio_format)
        stream = sink.start()
        try:
            # compared by name: the enum moved from QAudio to QtAudio across Qt 6 releases
            if stream is None or sink.error().name != "NoError":
                raise RuntimeError(f'QAudioSink não abriu "{device.description()}": '
                                   f"{sink.error().name}")
            stream.write(b"\0" * audio_format.bytesForDuration(20_000))  # 20 ms of silence
        finally:
            sink.stop()
        played = f'QAudioSink aberto em "{device.description()}"'
    backend = ", ".join(_plugin_stem(p) for p in plugins) or "nenhum (não é preciso)"
    return (f"{len(outputs)} saída(s) e {len(inputs)} entrada(s) de áudio; {played}; "
            f"backend de mídia: {backend}")


def check_sqlite() -> str:
    import sqlite3

    import sqlite_utils

    from desktop.store.database import apply_migrations, open_database

    def create(db: sqlite_utils.Database) -> None:
        db.table("selftest").create({"id": int, "text": str}, pk="id")

    with tempfile.TemporaryDirectory(prefix="ramal-selftest-") as folder:
        db = open_database(Path(folder) / "selftest.sqlite3")
        try:
            version = apply_migrations(db, "selftest", [create])
            db.table("selftest").insert({"id": 1, "text": "ligação atendida"})
            row = db.table("selftest").get(1)
        finally:
            db.conn.close()
    if version != 1 or row["text"] != "ligação atendida":
        raise RuntimeError(f"leitura devolveu {row!r} (migração {version})")
    return f"SQLite {sqlite3.sqlite_version}, arquivo com WAL, migração e leitura ok"


def check_folders() -> str:
    """The data (database) and log folders exist or can be made, and take a real write.

    A folder can refuse writes while its mode says otherwise (a read-only mount, a full disk,
    root-owned after an install run with sudo): only writing tells.
    """
    from desktop.store.database import default_database_path
    from desktop.system.logging_setup import default_log_dir

    problems = []
    folders = {"dados": default_database_path().parent, "log": default_log_dir()}
    for label, folder in folders.items():
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=folder, prefix=".ramal-selftest-") as probe:
                probe.write(b"\0" * 4096)
                probe.flush()
                os.fsync(probe.fileno())
        except OSError as exc:
            problems.append(f"pasta de {label} {folder} não aceita gravação: "
                            f"{exc.strerror or exc}")
    if problems:
        raise RuntimeError("; ".join(problems))
    return ", ".join(f"{label} {folder}" for label, folder in folders.items()) + " graváveis"


def check_translations() -> str:
    from PySide6.QtCore import QCoreApplication

    from desktop.ui.translations import I18N, install_translators

    app = _ensure_application()
    assert isinstance(app, QCoreApplication)
    try:
        # the app's own start-up path: Qt's pt-BR catalogue (standard buttons, shortcuts)
        if "qtbase_pt_BR" not in install_translators(app, "pt_BR"):
            raise RuntimeError("o catálogo qtbase_pt_BR do Qt não carregou")
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        if cancel == "Cancel":
            raise RuntimeError("o catálogo qtbase_pt_BR carregou mas não traduz")
        languages = sorted(p.stem.removeprefix("ramal_") for p in I18N.glob("ramal_*.qm"))
        broken = [lang for lang in languages
                  if f"ramal_{lang}" not in install_translators(app, lang)]
    finally:
        install_translators(app, "pt_BR")
    if broken:
        raise RuntimeError(f"catálogos do Ramal que não carregam: {', '.join(broken)}")
    return (f'Qt pt-BR ok ("Cancel" → "{cancel}"); catálogos do Ramal: '
            f"{', '.join(languages) or 'nenhum além do pt-BR (textos-fonte)'}")


CHECKS: tuple[tuple[str, Callable[[], str]], ...] = (
    ("sip", check_sip),
    ("qt-platform", check_qt_platform),
    ("qt-multimedia", check_qt_multimedia),
    ("sqlite", check_sqlite),
    ("folders", check_folders),
    ("translations", check_translations),
)


def run_checks(checks: Sequence[tuple[str, Callable[[], str]]] = CHECKS) -> list[CheckResult]:
    results = []
    for name, check in checks:
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as exc:  # the reason is the product: report it, go on to the next
            detail, ok = f"{type(exc).__name__}: {exc}", False
        results.append(CheckResult(name, ok, detail, time.perf_counter() - started))
    return results


def run_self_test(
    out: TextIO | None = None,
    checks: Sequence[tuple[str, Callable[[], str]]] = CHECKS,
) -> int:
    """Run every check, print one line each, return 0 if all passed."""
    out = out or sys.stdout
    frozen = "pacote" if getattr(sys, "frozen", False) else "código-fonte"
    print(f"{APP_NAME} {__version__} ({frozen}), Python {sys.version.split()[0]}, "
          f"{sys.platform}", file=out)
    results = run_checks(checks)
    for r in results:
        print(f"{'ok  ' if r.ok else 'FAIL'} {r.name}: {r.detail} ({r.seconds:.2f} s)", file=out)
    failed = [r.name for r in results if not r.ok]
    print("self-test: ok" if not failed else f"self-test: FALHOU ({', '.join(failed)})", file=out)
    out.flush()
    return EXIT_SELF_TEST_FAILED if failed else 0
