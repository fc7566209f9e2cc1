"""The Linux artifacts, built once per session (and reused across sessions while their inputs
are unchanged: packaging/linux/build.py keys the build on them)."""

from __future__ import annotations

import sys
from types import ModuleType

import pytest
from packaging_support import load_packaging_module

# these tests freeze and install the Linux bundle (ldd, dpkg-deb, XDG files): on Windows the
# workflow .github/workflows/windows.yml builds and self-tests the Windows bundle instead
if not sys.platform.startswith("linux"):
    collect_ignore_glob = ["test_linux_*.py"]


@pytest.fixture(scope="session")
def linux_build() -> ModuleType:
    return load_packaging_module("linux/build.py")


@pytest.fixture(scope="session")
def artifacts(linux_build: ModuleType):  # type: ignore[no-untyped-def]
    built = linux_build.build_all()
    state = f"built in {built.build_seconds:.0f} s" if built.built else "cached"
    print(f"\nLinux bundle: {built.bundle} ({state})")
    return built
