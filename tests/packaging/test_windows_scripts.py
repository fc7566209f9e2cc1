"""The Windows spec, installer script and workflow agree with each other and with the app.

They cannot run on this Linux machine (the workflow runs them on a Windows runner); these checks
catch the mismatches that would otherwise only show there: a renamed executable, a Run value the
app's autostart setting does not recognise, a file the installer script points to that is gone.
"""

from __future__ import annotations

import re

from packaging_support import ROOT

from desktop import APP_NAME
from desktop.phone.dial_links import DIAL_SCHEMES
from desktop.system.autostart import MINIMIZED_FLAG, RUN_KEY, RUN_VALUE, login_command

WINDOWS = ROOT / "packaging" / "windows"
ISS = (WINDOWS / "ramal.iss").read_text(encoding="utf-8")
SPEC = (WINDOWS / "ramal.spec").read_text(encoding="utf-8")
WORKFLOW = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")


def _define(name: str) -> str:
    match = re.search(rf'^#define {name} "([^"]+)"', ISS, re.MULTILINE)
    assert match, name
    return match.group(1)


def test_executables_have_the_names_the_installer_and_the_app_use() -> None:
    assert 'name="Ramal", console=False' in SPEC
    assert 'name="ramal-cli", console=True' in SPEC
    assert _define("AppExe") == f"{APP_NAME}.exe" == "Ramal.exe"  # desktop/system/autostart.py
    assert _define("CliExe") == "ramal-cli.exe"


def test_every_dial_scheme_opens_the_windowed_exe_with_the_link() -> None:
    schemes = {s for s in DIAL_SCHEMES if s != "sips"}
    for scheme in schemes:
        assert (f'Subkey: "Software\\Classes\\{scheme}\\shell\\open\\command"; ValueType: string; '
                f'ValueName: ""; ValueData: """{{app}}\\{{#AppExe}}"" ""%1"""') in ISS
        protocol = f'Subkey: "Software\\Classes\\{scheme}"; ValueType: string; '
        assert protocol + 'ValueName: "URL Protocol"' in ISS
        assert f'ValueName: "{scheme}"; ValueData: "Ramal.Link"' in ISS


def test_installer_autostart_is_the_value_the_app_setting_reads() -> None:
    line = next(ln for ln in ISS.splitlines() if "Tasks: autostart" in ln)
    assert f'Root: HKCU; Subkey: "{RUN_KEY}"' in line
    assert f'ValueName: "{RUN_VALUE}"' in line
    # the same command the app's "Iniciar com o sistema" writes: start in the tray
    assert login_command()[-2:] == ["gui", MINIMIZED_FLAG]
    assert f'ValueData: """{{app}}\\{{#AppExe}}"" gui {MINIMIZED_FLAG}"' in line
    assert f"RegDeleteValue(HKEY_CURRENT_USER, '{RUN_KEY}', '{RUN_VALUE}')" in ISS


def test_files_the_installer_script_names_exist() -> None:
    for key in ("SetupIconFile", "LicenseFile"):
        match = re.search(rf"^{key}=(.+)$", ISS, re.MULTILINE)
        assert match, key
        assert (WINDOWS / match.group(1).replace("\\", "/")).is_file(), key
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "resources/licenses/GPL-2.0.txt").read_text()


def test_workflow_runs_test_files_that_exist_and_the_installed_self_test() -> None:
    for path in re.findall(r"tests/[\w/]+\.py", WORKFLOW):
        assert (ROOT / path).is_file(), path
    assert r"dist\Ramal\ramal-cli.exe --self-test" in WORKFLOW
    assert r'& "$app\ramal-cli.exe" --self-test' in WORKFLOW
    assert r"packaging\windows\ramal.spec" in WORKFLOW
    assert r"packaging\windows\ramal.iss" in WORKFLOW
    assert "ramal-$env:VERSION-windows-x64-setup.exe" in WORKFLOW
    assert "OutputBaseFilename=ramal-{#AppVersion}-windows-x64-setup" in ISS


def test_spec_ships_the_msvc_runtime_pjsua2_needs() -> None:
    for dll in ("msvcp140.dll", "vcruntime140.dll", "vcruntime140_1.dll"):
        assert f'"{dll}"' in SPEC
        assert dll in WORKFLOW
