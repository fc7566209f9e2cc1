"""Autostart at login: the real XDG autostart entry (Linux) or Run value (Windows), in a scratch
location so the session running the tests is left alone."""

from __future__ import annotations

import configparser
import sys
import uuid
from pathlib import Path

from desktop.system.autostart import Autostart, current_command, desktop_entry, windows_run_value


def _split_exec(value: str) -> list[str]:
    """Split an Exec value as the Desktop Entry Specification says: spaces separate arguments,
    double quotes group, and inside them a backslash escapes one of " ` $ \\."""
    args: list[str] = []
    current: str | None = None
    quoted = escaped = False
    for char in value:
        if escaped:
            current = (current or "") + char
            escaped = False
        elif quoted and char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
            current = current or ""
        elif char == " " and not quoted:
            if current is not None:
                args.append(current)
            current = None
        else:
            current = (current or "") + char
    if current is not None:
        args.append(current)
    return args


def _scratch(tmp_path: Path, command: list[str]) -> Autostart:
    # Windows: a throw-away key under HKCU\Software; Linux: a throw-away XDG_CONFIG_HOME
    return Autostart(command, config_home=tmp_path / "config",
                     run_key=rf"Software\RamalTest-{uuid.uuid4().hex}\Run")


def test_enable_disable_round_trip(tmp_path: Path) -> None:
    autostart = _scratch(tmp_path, ["/opt/ramal/ramal"])
    assert not autostart.is_enabled()
    autostart.enable()
    assert autostart.is_enabled()
    autostart.enable()  # idempotent
    assert autostart.is_enabled()
    autostart.disable()
    assert not autostart.is_enabled()
    autostart.disable()  # disabling twice is not an error
    autostart.set_enabled(True)
    assert autostart.is_enabled()
    autostart.set_enabled(False)
    assert not autostart.is_enabled()


def test_linux_entry_is_a_valid_desktop_file_whose_exec_round_trips(tmp_path: Path) -> None:
    command = ["/home/maria silva/Ramal $HOME/ramal", "--config", '/tmp/a "b"/100%.toml']
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(desktop_entry(command))
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Name"] == "Ramal"
    # the general string rules first (\\ -> \), then field codes (%% -> %), then the Exec quoting
    exec_value = entry["Exec"].replace("\\\\", "\\").replace("%%", "%")
    assert _split_exec(exec_value) == command


def test_desktop_turning_the_entry_off_counts_as_disabled(tmp_path: Path) -> None:
    if sys.platform == "win32":  # the Windows side has no such second switch
        return
    autostart = _scratch(tmp_path, ["/opt/ramal/ramal"])
    autostart.enable()
    text = autostart.desktop_file.read_text()
    autostart.desktop_file.write_text(text.replace("X-GNOME-Autostart-enabled=true",
                                                   "X-GNOME-Autostart-enabled=false"))
    assert not autostart.is_enabled()
    autostart.desktop_file.write_text(text + "Hidden=true\n")
    assert not autostart.is_enabled()


def test_windows_run_value_quotes_paths_with_spaces() -> None:
    value = windows_run_value([r"C:\Program Files\Ramal\Ramal.exe", "--config", r"C:\a b\c.toml"])
    assert value == r'"C:\Program Files\Ramal\Ramal.exe" --config "C:\a b\c.toml"'


def test_current_command_starts_this_checkout() -> None:
    command = current_command()
    assert Path(command[-1]).name == "main.py" and Path(command[-1]).is_file()
    assert Path(command[0]).exists()
