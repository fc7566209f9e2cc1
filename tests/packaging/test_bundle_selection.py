"""What the bundles keep of PySide6, and that Ramal's code imports nothing the bundles drop."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from packaging_support import ROOT, load_packaging_module

selection = load_packaging_module("bundle_selection.py")


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        # no media backend: QAudioSink/QAudioSource/QMediaDevices work without one
        ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
        ("PySide6/plugins/multimedia/ffmpegmediaplugin.dll", False),
        ("PySide6/Qt/lib/libavcodec.so.63", False),
        ("PySide6/avcodec-61.dll", False),
        ("PySide6/Qt/lib/libswresample.so.7", False),
        ("PySide6/Qt/lib/libQt6FFmpegStub-va.so.2", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/qmltooling/libqmldbg_debugger.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/translations/qtbase_pt_BR.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/translations/qtmultimedia_pt_BR.qm", True),
        ("PySide6/Qt/translations/qtwebengine_pt_BR.qm", False),
        ("PySide6/Qt/lib/libQt6Pdf.so.6", False),
        ("PySide6/Qt6WebEngineCore.dll", False),
        ("PySide6/Qt/lib/libQt6Quick3D.so.6", False),
        ("PySide6/Qt/lib/libQt6QuickControls2.so.6", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/lib/libQt6Qml.so.6", False),
        ("PySide6/Qt/lib/libQt6Multimedia.so.6", True),
        ("PySide6/Qt6Multimedia.dll", True),
        ("PySide6/Qt/lib/libQt6OpenGL.so.6", True),
        ("PySide6/Qt/lib/libQt6Charts.so.6", True),       # "Meu desempenho" draws with it
        ("PySide6/Qt6Charts.dll", True),
        ("PySide6/Qt/qml/QtQuick/Controls/qmldir", False),
        ("PySide6/Qt/resources/qtwebengine_resources.pak", False),
        ("pjsua2/_pjsua2.cpython-311-x86_64-linux-gnu.so", True),
        ("resources/icons/ramal.svg", True),
    ],
)
def test_keep(dest: str, kept: bool) -> None:
    assert selection.keep(dest) is kept


def test_system_libraries_are_left_to_the_desktop_only_when_found_in_the_system() -> None:
    toc = [
        ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
        ("libpulse.so.0", "/lib/x86_64-linux-gnu/libpulse.so.0", "BINARY"),
        ("libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6", "BINARY"),
        ("libpython3.11.so.1.0", "/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0",
         "BINARY"),
        ("libssl.so.3", "/lib/x86_64-linux-gnu/libssl.so.3", "BINARY"),
        ("libsqlite3.so.0", "/lib/x86_64-linux-gnu/libsqlite3.so.0", "BINARY"),
        # the pjsua2 wheel's own copies (OpenSSL 1.0.2 among them) live in site-packages: kept
        ("pjsua2_python.libs/libselinux-0922c95c.so.1",
         "/venv/site-packages/pjsua2_python.libs/libselinux-0922c95c.so.1", "BINARY"),
        ("libselinux.so.1", "/lib/x86_64-linux-gnu/libselinux.so.1", "BINARY"),
    ]
    kept = [dest for dest, _, _ in selection.filter_toc(toc, system_libs=True)]
    assert kept == ["libpython3.11.so.1.0", "pjsua2_python.libs/libselinux-0922c95c.so.1"]
    assert len(selection.filter_toc(toc)) == len(toc)  # Windows: nothing left to "the system"


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_of_ramal_imports_a_module_the_bundles_exclude() -> None:
    excluded = set(selection.EXCLUDED_QT_MODULES + selection.EXCLUDED_OTHER_MODULES)
    offenders = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in (ROOT / "desktop").rglob("*.py")
        for name in _imported_modules(path)
        if name in excluded or any(name.startswith(f"{module}.") for module in excluded)
    }
    assert not offenders, f"imports dropped from the bundles: {sorted(offenders)}"


def test_every_qt_module_ramal_imports_is_named_as_used() -> None:
    imported = {
        name for path in (ROOT / "desktop").rglob("*.py") for name in _imported_modules(path)
        if name.startswith("PySide6.Qt") and name.count(".") == 1
    }
    assert imported, "no PySide6 import found: the scan is broken"
    assert imported <= set(selection.USED_QT_MODULES), imported - set(selection.USED_QT_MODULES)


def test_packaged_icons_are_renders_of_the_app_icon() -> None:
    """packaging/icons/make_icons.py renders resources/icons/ramal.svg: rerun it after the app
    icon changes, or the menu and installer show an old icon."""
    import struct

    icons = ROOT / "packaging" / "icons"
    assert (icons / "ramal.svg").read_bytes() == (ROOT / "resources/icons/ramal.svg").read_bytes()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        header = (icons / f"ramal-{size}.png").read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", header[16:24]) == (size, size)
    assert (icons / "ramal.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
