"""What the "Sobre" dialog shows: versions of Ramal and its parts, and their licences.

Plain data, no widgets (the UI lays it out). Versions come from package metadata, so this module
never imports pjsua2 (only ``desktop/sip`` may) nor starts anything; the frozen bundles carry
the metadata of these distributions for this purpose (``packaging/bundle_selection.py``).

pjproject, the SIP stack inside the ``pjsua2-python`` wheel, is GPL v2 or later: Ramal is
distributed under the same licence, ships the licence text in ``resources/licenses/`` and says
here where the corresponding source is.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.i18n import tr

_CONTEXT = "about"
UNKNOWN = "?"


@dataclass(frozen=True)
class Component:
    name: str
    version: str
    licence: str          # SPDX identifier
    licence_file: str     # file name under resources/licenses/ ("" when none is shipped)
    source: str           # where its source code is


@dataclass(frozen=True)
class AboutInfo:
    app_name: str
    app_version: str
    python: str
    platform: str
    frozen: bool
    components: tuple[Component, ...]
    gpl_notice: str

    def as_text(self) -> str:
        """Plain text for the dialog's "copy" button and the diagnostic zip."""
        lines = [f"{self.app_name} {self.app_version}",
                 f"Python {self.python} — {self.platform}"
                 + (" (pacote)" if self.frozen else ""), ""]
        lines += [f"{c.name} {c.version} — {c.licence} — {c.source}" for c in self.components]
        lines += ["", self.gpl_notice]
        return "\n".join(lines)


def licenses_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "resources" / "licenses"


def distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return UNKNOWN


def _qt_version() -> str:
    try:
        from PySide6.QtCore import qVersion
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency
        return UNKNOWN
    return str(qVersion())


def pjproject_version(wheel_version: str) -> str:
    """pjproject's release inside a ``pjsua2-python`` wheel: ``2.15.1.post1`` → ``2.15.1``."""
    if wheel_version == UNKNOWN:
        return UNKNOWN
    parts = wheel_version.split(".")
    release = [p for p in parts if p.isdigit()]
    return ".".join(release[:3]) if release else wheel_version


def collect_about() -> AboutInfo:
    wheel = distribution_version("pjsua2-python")
    pjproject = pjproject_version(wheel)
    pyside = distribution_version("PySide6-Essentials")
    if pyside == UNKNOWN:
        pyside = distribution_version("PySide6")
    components = (
        Component(APP_NAME, __version__, "GPL-2.0-or-later", "GPL-2.0.txt",
                  tr(_CONTEXT, "o código-fonte acompanha esta versão do Ramal")),
        Component("pjproject (pjsua2)", pjproject, "GPL-2.0-or-later", "GPL-2.0.txt",
                  f"https://github.com/pjsip/pjproject/tree/{pjproject}"),
        Component("pjsua2-python (wheel)", wheel, "GPL-2.0-or-later", "GPL-2.0.txt",
                  "https://github.com/srthorat/pjsua2-python"),
        Component("OpenSSL (no wheel do pjsua2, Linux)", "1.0.2k", "OpenSSL AND SSLeay", "",
                  "https://www.openssl.org/source/old/1.0.2/"),
        Component("Qt", _qt_version(), "LGPL-3.0-only", "LGPL-3.0.txt",
                  "https://download.qt.io/official_releases/qt/"),
        Component("PySide6", pyside, "LGPL-3.0-only", "LGPL-3.0.txt",
                  "https://code.qt.io/cgit/pyside/pyside-setup.git/"),
        Component("FFmpeg (dentro do Qt Multimedia)", "—", "LGPL-2.1-or-later", "LGPL-2.1.txt",
                  "https://ffmpeg.org/download.html"),
        Component("Python", platform.python_version(), "PSF-2.0", "",
                  "https://www.python.org/downloads/source/"),
        Component("httpx", distribution_version("httpx"), "BSD-3-Clause", "",
                  "https://github.com/encode/httpx"),
        Component("sqlite-utils", distribution_version("sqlite-utils"), "Apache-2.0",
                  "Apache-2.0.txt", "https://github.com/simonw/sqlite-utils"),
        Component("qasync", distribution_version("qasync"), "BSD-2-Clause", "",
                  "https://github.com/CabbageDevelopment/qasync"),
        Component("platformdirs", distribution_version("platformdirs"), "MIT", "",
                  "https://github.com/platformdirs/platformdirs"),
        Component("keyring", distribution_version("keyring"), "MIT", "",
                  "https://github.com/jaraco/keyring"),
        Component("phonenumbers", distribution_version("phonenumbers"), "Apache-2.0",
                  "Apache-2.0.txt", "https://github.com/daviddrysdale/python-phonenumbers"),
        Component("tomlkit", distribution_version("tomlkit"), "MIT", "",
                  "https://github.com/python-poetry/tomlkit"),
        Component("segno", distribution_version("segno"), "BSD-3-Clause", "",
                  "https://github.com/heuer/segno"),
    )
    notice = tr(
        _CONTEXT,
        "O Ramal usa o pjproject (pjsua2), distribuído sob a GNU GPL versão 2 ou posterior; "
        "o Ramal é distribuído sob a mesma licença, sem garantia. O texto da licença está em "
        "{path}. O código-fonte do pjproject {version} está em "
        "https://github.com/pjsip/pjproject (tag {version}) e o do Ramal acompanha cada versão; "
        "quem recebeu este programa pode pedir o código-fonte correspondente a quem o forneceu.",
    ).format(path=licenses_dir() / "GPL-2.0.txt", version=pjproject)
    return AboutInfo(
        app_name=APP_NAME,
        app_version=__version__,
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.release()} {platform.machine()}",
        frozen=bool(getattr(sys, "frozen", False)),
        components=components,
        gpl_notice=notice,
    )


def licence_text(component: Component) -> str:
    """The full licence text shipped for ``component`` ("" if none is shipped for it)."""
    if not component.licence_file:
        return ""
    try:
        return (licenses_dir() / component.licence_file).read_text(encoding="utf-8")
    except OSError:
        return ""
