"""Is there a graphical session for the desk? Asked before Qt starts.

Without one, Qt's xcb plugin aborts the process with an English "reinstall the application"
message, which sends the ISP's IT person after the wrong problem (a server or an SSH session
has no display; the installation is fine). ``ramal agent`` is the command for those.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from desktop.i18n import tr

_CONTEXT = "display"

# platform plugins that draw without a display server (tests, remote sessions through VNC)
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str:
    """A pt-BR sentence when the desk cannot open a window here, else ""."""
    if not platform.startswith("linux"):
        return ""  # Windows and macOS always have their own platform plugin's session
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if chosen in _HEADLESS_PLATFORMS:
        return ""
    if chosen.startswith("wayland"):
        has_session = bool(environ.get("WAYLAND_DISPLAY"))
    elif chosen == "xcb":
        has_session = bool(environ.get("DISPLAY"))
    else:
        has_session = bool(environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))
    if has_session:
        return ""
    return tr(_CONTEXT, "Não há sessão gráfica (as variáveis DISPLAY e WAYLAND_DISPLAY estão "
                        "vazias), então a janela do Ramal não pode abrir. Abra o Ramal na área "
                        "de trabalho do usuário ou, num servidor ou sessão SSH, use "
                        "\"ramal agent\", que roda sem janela.")
