"""Installs are reproducible: every pip install of Ramal uses constraints.txt, which pins every
dependency the project declares to the version the suite was run on."""

from __future__ import annotations

import re
import tomllib

from packaging_support import ROOT

CONSTRAINTS = ROOT / "constraints.txt"
INSTALLERS = ("scripts/bootstrap", "scripts/test", "scripts/test.ps1", "scripts/demo.ps1",
              ".github/workflows/windows.yml")


def _pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep and version, f"not an exact pin: {line!r}"
            pins[_normalise(name)] = version
    return pins


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_name(requirement: str) -> str:
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match, requirement
    return _normalise(match.group(0))


def test_every_declared_dependency_is_pinned() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        declared += extra
    pins = _pins()
    unpinned = sorted({_requirement_name(r) for r in declared} - set(pins))
    assert not unpinned, f"add to constraints.txt (scripts/refresh-constraints): {unpinned}"
    # the pin that once broke the app stays inside the range pyproject.toml allows
    major, minor = (int(x) for x in pins["pyside6"].split(".")[:2])
    assert (6, 9) <= (major, minor) < (6, 12)


def test_no_local_or_editable_entries() -> None:
    text = CONSTRAINTS.read_text(encoding="utf-8")
    assert " @ " not in text and "-e " not in text and "file:" not in text
    assert "ramal" not in _pins()


def test_every_install_command_uses_the_constraints() -> None:
    for relative in INSTALLERS:
        text = (ROOT / relative).read_text(encoding="utf-8")
        # a command continued over several lines (\ in bash, ` in PowerShell) is one command
        commands = re.sub(r"[\\`]\n\s*", " ", text).splitlines()
        installs = [c for c in commands if "pip install" in c and "--no-deps" not in c]
        assert installs, relative
        for command in installs:
            uses = re.search(r"-c\s+(\(Join-Path \S+ )?\S*constraints\.txt", command)
            assert uses, f"{relative}: {command}"
