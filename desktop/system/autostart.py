"""Start Ramal at login: the settings dialog's "Iniciar com o sistema" checkbox.

Linux: an XDG autostart entry, ``$XDG_CONFIG_HOME/autostart/ramal.desktop`` (what GNOME, KDE,
XFCE, Cinnamon and MATE read). Windows: a value named "Ramal" under
``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``, the same value the installer's
"Iniciar com o Windows" task writes, so the checkbox and the installer agree.

The command started is the running Ramal: the bundle's executable when frozen (``Ramal.exe``, the
windowed one, on Windows), otherwise this Python with ``main.py``. It gets ``--minimized`` only if
the caller asks (the GUI decides whether it supports such a flag).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_NAME

DESKTOP_FILE_NAME = "ramal.desktop"
# the GUI's flag for "start in the tray, window closed" (desktop/app/cli.py)
MINIMIZED_FLAG = "--minimized"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = APP_NAME


def current_command() -> list[str]:
    """The command line that starts this Ramal again."""
    executable = Path(sys.executable)
    if getattr(sys, "frozen", False):
        # the Windows bundle has a console "ramal-cli.exe" beside the windowed "Ramal.exe"
        windowed = executable.with_name(f"{APP_NAME}.exe")
        return [str(windowed if sys.platform == "win32" and windowed.exists() else executable)]
    main = Path(__file__).resolve().parents[2] / "main.py"
    if sys.platform == "win32":
        # pythonw.exe: no console window at login
        pythonw = executable.with_name("pythonw.exe")
        executable = pythonw if pythonw.exists() else executable
    return [str(executable), str(main)]


def login_command(config: Path | None = None) -> list[str]:
    """What the login session runs: this Ramal's GUI in the tray (and its ``--config`` when the
    agent started Ramal with one, so the login start reads the same settings)."""
    command = [*current_command(), "gui", MINIMIZED_FLAG]
    if config is not None:
        command += ["--config", str(config)]
    return command


def _desktop_exec_quote(arg: str) -> str:
    """Quote one argument for a .desktop file's Exec key (Desktop Entry Specification)."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`%='):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    escaped = escaped.replace("$", "\\$").replace("%", "%%")
    return f'"{escaped}"'


def desktop_entry(command: Sequence[str]) -> str:
    """The text of the XDG autostart entry that runs ``command``."""
    exec_line = " ".join(_desktop_exec_quote(a) for a in command)
    # a .desktop file is parsed as "key=value" lines; the escapes above are the spec's, and the
    # Exec value additionally has its backslashes doubled by the general string rules
    exec_line = exec_line.replace("\\", "\\\\")
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Ramal 3CX com a ficha do cliente IXC\n"
        f"Exec={exec_line}\n"
        "Icon=ramal\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        "X-GNOME-Autostart-Delay=5\n"
    )


def windows_run_value(command: Sequence[str]) -> str:
    """The Run value for ``command``: each argument quoted the way CommandLineToArgvW reads it."""
    import subprocess

    return subprocess.list2cmdline(list(command))


class Autostart:
    """Enable, disable and query "start at login" for this user.

    ``config_home`` (Linux) and ``run_key`` (Windows) are there for tests, which must not touch
    the real session's autostart.
    """

    def __init__(
        self,
        command: Sequence[str] | None = None,
        *,
        config_home: Path | None = None,
        run_key: str = RUN_KEY,
        run_value: str = RUN_VALUE,
    ) -> None:
        self.command = list(command) if command is not None else current_command()
        xdg = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
        self.config_home = config_home or Path(xdg)
        self.run_key = run_key
        self.run_value = run_value

    @property
    def desktop_file(self) -> Path:
        return self.config_home / "autostart" / DESKTOP_FILE_NAME

    def enable(self) -> None:
        if sys.platform == "win32":
            import winreg

            with winreg.CreateKey(winreg.HKEY_CURRENT_USER, self.run_key) as key:
                winreg.SetValueEx(key, self.run_value, 0, winreg.REG_SZ,
                                  windows_run_value(self.command))
            return
        self.desktop_file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.desktop_file.with_suffix(".tmp")
        temporary.write_text(desktop_entry(self.command), encoding="utf-8")
        temporary.replace(self.desktop_file)

    def disable(self) -> None:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.run_key, 0,
                                    winreg.KEY_SET_VALUE) as key:
                    winreg.DeleteValue(key, self.run_value)
            except FileNotFoundError:
                pass
            return
        self.desktop_file.unlink(missing_ok=True)

    def is_enabled(self) -> bool:
        if sys.platform == "win32":
            import winreg

            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.run_key) as key:
                    value, _kind = winreg.QueryValueEx(key, self.run_value)
            except FileNotFoundError:
                return False
            return bool(str(value).strip())
        try:
            text = self.desktop_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):   # missing, unreadable, or a file in the path
            return False
        # the desktop's own settings switch an entry off with these keys instead of deleting it
        lines = {line.strip().replace(" ", "") for line in text.splitlines()}
        return "Hidden=true" not in lines and "X-GNOME-Autostart-enabled=false" not in lines

    def set_enabled(self, enabled: bool) -> None:
        if enabled:
            self.enable()
        else:
            self.disable()
