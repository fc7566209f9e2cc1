# Windows: installs Ramal with its test tools and runs the tests that need no Linux services.
# Kamailio, SIPp, Xvfb and PulseAudio are Linux test peers: the SIP, GUI and audio integration
# tests run on Linux (scripts/test, and CI); here the rest of the suite runs.
# Usage (PowerShell):  powershell -ExecutionPolicy Bypass -File scripts\test.ps1
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
$Venv = Join-Path $Root ".venv"
if (-not (Test-Path "$Venv\Scripts\python.exe")) {
    py -3.12 -m venv $Venv 2>$null
    if (-not $?) { py -3.11 -m venv $Venv }
}
& "$Venv\Scripts\python.exe" -m pip install -q --disable-pip-version-check `
    -c (Join-Path $Root "constraints.txt") -e "$Root[test]"
Set-Location $Root
& "$Venv\Scripts\ruff.exe" check desktop tests bench main.py
& "$Venv\Scripts\mypy.exe"
& "$Venv\Scripts\python.exe" -m pytest -q -m "not sip and not gui and not audio" @args
exit $LASTEXITCODE
