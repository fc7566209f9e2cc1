# Windows: installs Ramal in a virtual environment and starts it on its embedded demo.
# Usage (PowerShell):  powershell -ExecutionPolicy Bypass -File scripts\demo.ps1
$ErrorActionPreference = "Stop"
$Root = Split-Path -Parent $PSScriptRoot
$Venv = Join-Path $Root ".venv"
if (-not (Test-Path "$Venv\Scripts\python.exe")) {
    # pjsua2 wheels exist for CPython 3.11 and 3.12 only
    py -3.12 -m venv $Venv 2>$null
    if (-not $?) { py -3.11 -m venv $Venv }
}
& "$Venv\Scripts\python.exe" -m pip install -q --disable-pip-version-check `
    -c (Join-Path $Root "constraints.txt") -e $Root
& "$Venv\Scripts\python.exe" (Join-Path $Root "main.py") demo @args
exit $LASTEXITCODE
