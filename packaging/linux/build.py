"""Build Ramal's Linux artifacts: the PyInstaller bundle, a .deb and a tarball.

    .venv/bin/python packaging/linux/build.py [--out DIR] [--force] [--bundle-only]

Output (default ``build/packaging/``):
- ``dist/ramal/``                 the one-folder bundle (``ramal`` + ``_internal/``)
- ``ramal_<version>_amd64.deb``   installs to /opt/ramal, /usr/bin/ramal, menu entry, icons
- ``ramal-<version>-linux-x86_64.tar.gz``  the bundle + ``install.sh`` for a per-user install

The bundle is rebuilt only when its inputs change (sources, resources, spec, the installed
package versions, the Python): the key of the last build is stored beside it. The tests in
``tests/packaging`` call :func:`build_all` the same way, so a second test run, or the suite right
after this script, reuses the build. A lock file serialises concurrent builds.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_OUT = ROOT / "build" / "packaging"
ICONS = ROOT / "packaging" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# libraries the bundle can do without: Qt's GTK theme plugin (native file dialogs and colours)
# loads only where the desktop has GTK 3; the .deb recommends it
OPTIONAL_SYSTEM_LIBS = re.compile(r"^lib(gtk-3|gdk-3)\.so")
RECOMMENDS = ("libgtk-3-0", "pulseaudio | pipewire-pulse", "xdg-utils")


@dataclass(frozen=True)
class Artifacts:
    bundle: Path        # the folder holding the ``ramal`` executable
    deb: Path | None
    tarball: Path | None
    built: bool         # False when the cached bundle was reused
    build_seconds: float


def version() -> str:
    text = (ROOT / "desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    assert match, "desktop/__init__.py has no __version__"
    return match.group(1)


def _input_files() -> Iterator[Path]:
    yield ROOT / "main.py"
    yield ROOT / "pyproject.toml"
    yield ROOT / "packaging" / "bundle_selection.py"
    for folder, pattern in ((ROOT / "desktop", "*.py"), (ROOT / "resources", "*"),
                            (HERE, "*"), (ICONS, "*")):
        yield from sorted(p for p in folder.rglob(pattern) if p.is_file()
                          and "__pycache__" not in p.parts)


def bundle_key() -> str:
    """Changes whenever anything that ends up in the bundle may have changed."""
    digest = hashlib.sha256()
    digest.update(sys.version.encode())
    for dist in sorted(metadata.distributions(), key=lambda d: d.metadata["Name"] or ""):
        digest.update(f"{dist.metadata['Name']}=={dist.version}\n".encode())
    for path in _input_files():
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_bundle(out: Path = DEFAULT_OUT, force: bool = False) -> tuple[Path, bool, float]:
    """PyInstaller one-folder build (cached). Returns (bundle folder, built now?, seconds)."""
    dist = out / "dist"
    bundle = dist / "ramal"
    stamp = out / "bundle.key"
    key = bundle_key()
    if not force and stamp.is_file() and stamp.read_text() == key and (bundle / "ramal").is_file():
        return bundle, False, 0.0
    started = time.monotonic()
    stamp.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(out / "work"),
         str(HERE / "ramal.spec")],
        cwd=ROOT, check=True,
    )
    stamp.write_text(key)
    return bundle, True, time.monotonic() - started


def _elf_files(bundle: Path) -> list[Path]:
    """Executables, extension modules and Qt plugins: what the loader starts from."""
    internal = bundle / "_internal"
    files = [bundle / "ramal"]
    files += [p for p in internal.rglob("*.so") if p.is_file() and not p.is_symlink()]
    return files


def system_libraries(bundle: Path) -> tuple[dict[str, Path], list[tuple[Path, str]]]:
    """Libraries the bundle takes from the system ({soname: path}), and the unresolved ones as
    (file, soname) pairs, optional ones excluded. Uses ldd, as the loader would resolve them."""
    found: dict[str, Path] = {}
    missing: list[tuple[Path, str]] = []
    root = bundle.resolve()
    for elf in _elf_files(bundle):
        proc = subprocess.run(["ldd", str(elf)], capture_output=True, text=True)
        for line in proc.stdout.splitlines():
            parts = line.strip().split()
            if len(parts) >= 3 and parts[1] == "=>":
                soname = parts[0]
                if parts[2] == "not":
                    # a wheel's private libraries (pjsua2_python.libs) find each other only once
                    # the module loaded them; ldd on one of them alone cannot: not missing
                    if not (bundle / "_internal" / soname).exists() and not any(
                            (bundle / "_internal").rglob(soname)) \
                            and not OPTIONAL_SYSTEM_LIBS.match(soname):
                        missing.append((elf, soname))
                    continue
                path = Path(parts[2]).resolve()
                if root not in path.parents:
                    found[soname] = path
    return found, missing


def debian_packages(libraries: dict[str, Path]) -> list[str]:
    """The Debian packages that own ``libraries`` (dpkg -S), sorted, without duplicates."""
    packages: set[str] = set()
    for path in libraries.values():
        candidates = [path, Path("/usr") / path.relative_to("/")] if not str(path).startswith(
            "/usr/") else [path, Path("/") / path.relative_to("/usr")]
        for candidate in candidates:
            proc = subprocess.run(["dpkg", "-S", str(candidate)], capture_output=True, text=True)
            if proc.returncode == 0:
                packages.add(proc.stdout.split(":", 1)[0].strip())
                break
    return sorted(packages)


def _glibc_version() -> str:
    return platform.libc_ver()[1] or "2.31"


def _desktop_payload(root: Path, exec_path: str) -> None:
    """Menu entry and icons under ``root``/share."""
    apps = root / "share" / "applications"
    apps.mkdir(parents=True, exist_ok=True)
    text = (HERE / "ramal.desktop").read_text(encoding="utf-8")
    (apps / "ramal.desktop").write_text(text.replace("Exec=ramal ", f"Exec={exec_path} "),
                                        encoding="utf-8")
    hicolor = root / "share" / "icons" / "hicolor"
    for size in PNG_SIZES:
        folder = hicolor / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ICONS / f"ramal-{size}.png", folder / "ramal.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ICONS / "ramal.svg", hicolor / "scalable" / "apps" / "ramal.svg")


def build_tarball(bundle: Path, out: Path) -> Path:
    name = f"ramal-{version()}-linux-x86_64"
    staging = out / "tar-staging" / name
    if staging.parent.exists():
        shutil.rmtree(staging.parent)
    staging.mkdir(parents=True)
    os.symlink(bundle.resolve(), staging / "ramal")  # tarfile follows it below (dereference)
    _desktop_payload(staging, "ramal")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(HERE / script, staging / script)
    shutil.copyfile(ROOT / "resources" / "licenses" / "GPL-2.0.txt", staging / "COPYING")
    target = out / f"{name}.tar.gz"
    partial = target.with_suffix(".part")

    def reset_owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    with tarfile.open(partial, "w:gz", compresslevel=6, dereference=False) as archive:
        for entry in sorted(staging.iterdir()):
            if entry.name == "ramal":
                archive.add(bundle, arcname=f"{name}/ramal", filter=reset_owner)
            else:
                archive.add(entry, arcname=f"{name}/{entry.name}", filter=reset_owner)
    partial.replace(target)
    shutil.rmtree(staging.parent)
    return target


def control_file(installed_kb: int, depends: list[str]) -> str:
    return (
        "Package: ramal\n"
        f"Version: {version()}\n"
        "Architecture: amd64\n"
        "Maintainer: Ramal <ramal@localhost>\n"
        f"Installed-Size: {installed_kb}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: net\n"
        "Priority: optional\n"
        "Description: 3CX softphone companion for ISP support desks\n"
        " Ramal registers as a 3CX SIP extension, shows the caller's IXC Soft\n"
        " customer record when a call rings, and logs the attendance in IXC or\n"
        " forwards it to OPA Suite or Discord. Includes pjproject (GPL-2+).\n"
    )


_MAINTAINER_SCRIPT = """#!/bin/sh
set -e
# the menu entry's tel:/sip:/callto: handlers and the icon
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
  gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
"""


def build_deb(bundle: Path, out: Path) -> Path:
    staging = out / "deb-staging"
    if staging.exists():
        shutil.rmtree(staging)
    opt = staging / "opt" / "ramal"
    shutil.copytree(bundle, opt, symlinks=True)
    (staging / "usr" / "bin").mkdir(parents=True)
    os.symlink("/opt/ramal/ramal", staging / "usr" / "bin" / "ramal")
    _desktop_payload(staging / "usr", "ramal")
    doc = staging / "usr" / "share" / "doc" / "ramal"
    doc.mkdir(parents=True)
    shutil.copyfile(ROOT / "resources" / "licenses" / "GPL-2.0.txt", doc / "copyright")
    libraries, missing = system_libraries(bundle)
    if missing:
        raise RuntimeError("bibliotecas não encontradas: " + ", ".join(
            f"{soname} (de {elf.relative_to(bundle)})" for elf, soname in missing))
    depends = [p for p in debian_packages(libraries) if p != "libc6"]
    depends.insert(0, f"libc6 (>= {_glibc_version()})")
    installed_kb = sum(p.lstat().st_size for p in staging.rglob("*")) // 1024
    debian = staging / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control_file(installed_kb, depends), encoding="utf-8")
    for script in ("postinst", "postrm"):
        path = debian / script
        path.write_text(_MAINTAINER_SCRIPT, encoding="utf-8")
        path.chmod(0o755)
    target = out / f"ramal_{version()}_amd64.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build",
                    str(staging), str(target)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(staging)
    return target


def build_all(out: Path = DEFAULT_OUT, *, force: bool = False, packages: bool = True
              ) -> Artifacts:
    """The bundle, and (with ``packages``) the .deb and tarball, all cached by the bundle key."""
    with _locked(out):
        bundle, built, seconds = build_bundle(out, force)
        if not packages:
            return Artifacts(bundle, None, None, built, seconds)
        deb = out / f"ramal_{version()}_amd64.deb"
        tarball = out / f"ramal-{version()}-linux-x86_64.tar.gz"
        packaged = out / "packages.key"
        key = (out / "bundle.key").read_text()
        if built or not (packaged.is_file() and packaged.read_text() == key
                         and deb.is_file() and tarball.is_file()):
            packaged.unlink(missing_ok=True)
            started = time.monotonic()
            deb = build_deb(bundle, out)
            tarball = build_tarball(bundle, out)
            seconds += time.monotonic() - started
            packaged.write_text(key)
        return Artifacts(bundle, deb, tarball, built, seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--force", action="store_true", help="rebuild even if nothing changed")
    parser.add_argument("--bundle-only", action="store_true", help="no .deb, no tarball")
    args = parser.parse_args(argv)
    artifacts = build_all(args.out, force=args.force, packages=not args.bundle_only)
    state = f"built in {artifacts.build_seconds:.0f} s" if artifacts.built else "up to date"
    print(f"bundle: {artifacts.bundle} ({state})")
    for item in (artifacts.deb, artifacts.tarball):
        if item is not None:
            print(f"{item.name}: {item.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
