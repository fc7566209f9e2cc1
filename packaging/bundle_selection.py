"""What a Ramal bundle keeps: shared by the Linux and Windows PyInstaller specs.

The full ``PySide6`` wheel (needed for Qt Multimedia, which lives in PySide6-Addons) carries
WebEngine, QML/Quick, 3D, PDF and dozens of plugins Ramal never loads: left in, the bundle passes
500 MB. The specs exclude the unused Python modules (so PyInstaller never follows them) and then
drop, by destination path, the plugins, libraries and translations nothing in Ramal loads.

Ramal uses QtCore, QtGui, QtWidgets (windows, tray), QtNetwork (QLocalServer for the single
instance, QNetworkInformation for network changes), QtMultimedia (QAudioSink/QAudioSource, ring
tones), QtCharts (the figures' charts), QtSvg (SVG icons) and QtDBus (tray/notifications on Linux, pulled in by QtGui anyway).
``tests/packaging/test_bundle_selection.py`` checks that no module under ``desktop/`` imports an
excluded one, so a new import fails a test instead of a frozen build at the agent's desk.

On Linux the bundle also leaves the desktop's own libraries to the system (X11/xcb, GLib, fonts,
PulseAudio, D-Bus, libstdc++): every desktop has them, the .deb depends on them, and a bundled
copy older than the system's breaks the system's GTK theme and input-method plugins that Qt loads.
So do OpenSSL 3, SQLite, libffi and zlib, which Python's modules link: the bundle already needs
the build host's glibc or newer (Debian 12, Ubuntu 23.04 and later), and all of those ship them.
libpython and the pjsua2 wheel's own OpenSSL 1.0.2/Kerberos copies stay in the bundle.

This file is loaded by path (``packaging/`` is not a Python package: the name would shadow the
PyPI ``packaging`` library).
"""

from __future__ import annotations

import re

# PySide6 modules Ramal uses, named so a build made before their first import still has them.
USED_QT_MODULES: tuple[str, ...] = (
    "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtNetwork",
    "PySide6.QtMultimedia", "PySide6.QtSvg", "PySide6.QtDBus",
    "PySide6.QtCharts",        # "Meu desempenho" and the supervisor view
)

# Distributions whose metadata (version) the "Sobre" dialog shows.
ABOUT_DISTRIBUTIONS: tuple[str, ...] = (
    "pjsua2-python", "PySide6-Essentials", "shiboken6", "httpx", "sqlite-utils", "qasync",
    "platformdirs", "keyring", "phonenumbers", "tomlkit",
)

# PySide6 modules Ramal does not import: excluded from the analysis outright.
EXCLUDED_QT_MODULES: tuple[str, ...] = tuple(
    f"PySide6.{name}"
    for name in (
        "Qt3DAnimation Qt3DCore Qt3DExtras Qt3DInput Qt3DLogic Qt3DRender QtBluetooth "
        "QtCanvasPainter QtConcurrent QtDataVisualization QtDesigner QtGraphs "
        "QtGraphsWidgets QtHelp QtHttpServer QtLabsStyleKit QtLocation QtMultimediaWidgets "
        "QtNetworkAuth QtNfc QtOpenGL QtOpenGLWidgets QtPdf QtPdfWidgets QtPositioning "
        "QtPrintSupport QtQml QtQmlFeatures QtQuick QtQuick3D QtQuickControls2 QtQuickTest "
        "QtQuickWidgets QtRemoteObjects QtScxml QtSensors QtSerialBus QtSerialPort "
        "QtSpatialAudio QtSql QtStateMachine QtSvgWidgets QtTest QtTextToSpeech QtUiTools "
        "QtWebChannel QtWebEngineCore QtWebEngineQuick QtWebEngineWidgets QtWebSockets "
        "QtWebView QtXml"
    ).split()
)

# Other heavy modules that come in through optional imports of our dependencies. phonenumbers'
# geocoder, carrier and time-zone data are 45 MB of tables Ramal never reads (it parses and
# formats numbers only; tests/packaging checks no module of Ramal imports them).
EXCLUDED_OTHER_MODULES: tuple[str, ...] = (
    "tkinter", "_tkinter", "numpy", "IPython", "matplotlib", "PIL", "pydoc_data",
    "test", "unittest.test", "lib2to3", "readline",
    # East Asian codecs: IXC, OPA and Discord speak UTF-8
    "_codecs_jp", "_codecs_kr", "_codecs_cn", "_codecs_tw", "_codecs_hk", "_codecs_iso2022",
    "phonenumbers.geocoder", "phonenumbers.geodata", "phonenumbers.carrier",
    "phonenumbers.carrierdata", "phonenumbers.timezone", "phonenumbers.tzdata",
)

# Qt plugin folders kept, and within some of them only certain plugins (by file-name stem,
# without "lib" prefix and extension). A folder not listed is dropped whole.
KEPT_PLUGINS: dict[str, frozenset[str] | None] = {
    # xcb for X11 (and Wayland sessions, through XWayland: Qt falls back to xcb when its
    # Wayland plugin is absent, which saves 3.5 MiB of Wayland client libraries and plugins),
    # offscreen/minimal for the self-test and CI, windows on Windows
    "platforms": frozenset({"qxcb", "qoffscreen", "qminimal", "qwindows"}),
    "platformthemes": None,            # GTK/portal file dialogs and colours on Linux
    "platforminputcontexts": frozenset({"composeplatforminputcontextplugin",
                                        "ibusplatforminputcontextplugin"}),
    "xcbglintegrations": None,         # the xcb platform refuses to start without one
    "imageformats": frozenset({"qsvg", "qico", "qjpeg", "qgif"}),
    "iconengines": None,               # SVG icons in menus and the tray
    # no "multimedia": Qt's FFmpeg media backend (and the Qt Quick/QML and FFmpeg libraries it
    # links, 39 MiB) serves QMediaPlayer/QVideoSink. Without any backend Qt still provides
    # QMediaDevices, QAudioDevice, QAudioSink, QAudioSource and QSoundEffect ("No QtMultimedia
    # backends found. Only ... are available"), which is all Ramal uses: the self-test opens a
    # QAudioSink to prove it, and tests/packaging does so against a real PulseAudio server.
    "networkinformation": None,        # network-change detection for SIP re-registration
    "styles": None,                    # Windows: the native "windows11"/"modernwindows" style
    "tls": None,                       # QtNetwork refuses https without a TLS backend
}

# Qt shared libraries that only the dropped plugins or modules need (matched on the file name,
# Linux "libQt6Pdf.so.6" and Windows "Qt6Pdf.dll" alike), and the FFmpeg libraries of the
# media backend left out above (Qt Quick/QML come in only as that plugin's dependencies).
_DROPPED_QT_LIBS = re.compile(
    r"(^|/)(lib)?(Qt6(Pdf|Qml|Quick|WebEngine|WebChannel|VirtualKeyboard|3D|"
    r"DataVisualization|Graphs|Designer|Positioning|Location|Sensors|SerialPort|Bluetooth|"
    r"Nfc|Test|Sql|Xml|Help|TextToSpeech|SpatialAudio|ShaderTools|LabsAnimation|"
    r"RemoteObjects|Scxml|StateMachine|WebSockets|HttpServer|WebView|CanvasPainter|"
    r"FFmpegStub|Wayland|WlShell|EglFS|EglFs)[A-Za-z0-9-]*|(avcodec|avformat|avutil|swresample|swscale)(-[0-9]+)?)"
    r"(\.so[.0-9]*|\.dll)$"
)

# Qt's own catalogues, for the languages Ramal ships (pt-BR first, English source catalogues are
# not needed: English is Qt's source language).
_KEPT_TRANSLATION = re.compile(r"^(qt|qtbase|qtmultimedia)_pt_BR\.qm$")

_PLUGIN_PATH = re.compile(r"(^|/)plugins/([^/]+)/([^/]+)$")
_TRANSLATION_PATH = re.compile(r"(^|/)PySide6/(Qt/)?translations/([^/]+)$")
_QT_DATA_DIRS = re.compile(r"(^|/)PySide6/(Qt/)?(qml|resources|libexec)/")


def plugin_stem(filename: str) -> str:
    """``libqxcb.so`` and ``qxcb.dll`` both become ``qxcb``."""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep(dest: str) -> bool:
    """Whether a collected file (its destination path inside the bundle) stays in the bundle."""
    dest = dest.replace("\\", "/")
    plugin = _PLUGIN_PATH.search(dest)
    if plugin and "PySide6" in dest:
        folder, filename = plugin.group(2), plugin.group(3)
        if folder not in KEPT_PLUGINS:
            return False
        wanted = KEPT_PLUGINS[folder]
        return wanted is None or plugin_stem(filename) in wanted
    translation = _TRANSLATION_PATH.search(dest)
    if translation:
        return bool(_KEPT_TRANSLATION.match(translation.group(3)))
    if _QT_DATA_DIRS.search(dest):
        # QML modules, WebEngine resources and helper executables: nothing of Ramal uses them
        return False
    return not _DROPPED_QT_LIBS.search(dest)


# Linux libraries left to the system (matched on the file name of a library PyInstaller found
# outside the Python environment). Every one is in Debian/Ubuntu's desktop set; the .deb lists
# the packages that provide them (packaging/linux/build_deb computes them with dpkg -S).
_LINUX_SYSTEM_LIBS = re.compile(
    r"^lib("
    r"X11|X11-xcb|Xau|Xdmcp|Xext|Xrandr|Xrender|Xi|Xfixes|Xcursor|Xinerama|xcb(-[a-z-]+)?|"
    r"xkbcommon(-x11)?|"
    r"fontconfig|freetype|harfbuzz|graphite2|png16|jpeg|pixman-1|cairo(-gobject)?|"
    r"pango(cairo|ft2)?-1\.0|gdk_pixbuf-2\.0|atk-1\.0|fribidi|thai|datrie|brotli(common|dec)|"
    r"glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|pcre2-8|mount|blkid|uuid|"
    r"selinux|dbus-1|systemd|cap|gcrypt|gpg-error|lz4|zstd|bsd|md|"
    r"pulse|pulsecommon-[0-9.]+|asyncns|sndfile|FLAC|ogg|vorbis|vorbisenc|opus|mpg123|mp3lame|"
    r"stdc\+\+|gcc_s|GL|GLX|GLdispatch|EGL|OpenGL|drm|gbm|wayland-(client|cursor|egl)|"
    # the bundle needs glibc >= the build host's (2.36 on Debian 12): every such system has
    # these too, and its own copies get the distribution's security updates (OpenSSL above all)
    r"ssl|crypto|sqlite3|ffi|expat|z|bz2|lzma|readline|tinfo|"
    r"gssapi_krb5|krb5|k5crypto|krb5support|com_err|keyutils"
    r")\.so(\.[0-9.]+)?$"
)
_SYSTEM_PREFIXES = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def is_left_to_system(dest: str, source: str) -> bool:
    """A Linux system library found outside the venv that the desktop provides."""
    if "/" in dest.replace("\\", "/") or not source.startswith(_SYSTEM_PREFIXES):
        return False
    return bool(_LINUX_SYSTEM_LIBS.match(dest))


def filter_toc(entries: list[tuple[str, str, str]],
               system_libs: bool = False) -> list[tuple[str, str, str]]:
    """Keep the PyInstaller TOC entries (dest, source, kind) that :func:`keep` accepts; with
    ``system_libs`` (Linux), also drop the libraries :func:`is_left_to_system` names."""
    return [
        (dest, source, kind) for dest, source, kind in entries
        if keep(dest) and not (system_libs and is_left_to_system(dest, source))
    ]
