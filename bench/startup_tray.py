"""Cold start → tray icon, for the frozen Linux bundle and for the source tree; and bundle size.

    .venv/bin/python bench/startup_tray.py [--runs 7] [--no-source] [--drop-caches]

Each run starts ``ramal gui`` with a fresh HOME on its own Xvfb display with trayer as the system
tray, and measures from process start until the tray icon's window is embedded in trayer's panel
(read with ``xwininfo -root -tree`` every 10 ms: seen from outside, as the agent sees it). The
first run of each kind is reported apart ("first"), since the page cache is cold for it unless
--drop-caches (root only) empties it before every run. Then: median and p95 of all runs, the
bundle/source ratio, and the bundle's installed size.

Needs Xvfb, trayer and xwininfo (scripts/bootstrap installs them) and builds the bundle first if
it is missing or stale (packaging/linux/build.py).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.ui.virtual_display import stop_process, virtual_display  # noqa: E402

# a tray icon: a window of class "Ramal" (resource "ramal" or "main.py") inside trayer's panel
_RAMAL_WINDOW = re.compile(r'^(\s+)0x[0-9a-f]+ "[^"]*": \("[^"]*" "Ramal"\)')
_PANEL = re.compile(r'^(\s+)0x[0-9a-f]+ "panel": \("panel" "trayer"\)')

CONFIG = """[sip]
server = "127.0.0.1"
port = 9
extension = "101"
password = "bench-only"
bind_address = "127.0.0.1"
"""


@contextlib.contextmanager
def display_with_tray() -> Iterator[str]:
    with virtual_display() as display:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _tray_panel_up(display):
            time.sleep(0.05)
        yield display


def _tree(display: str) -> list[str]:
    return subprocess.run(["xwininfo", "-root", "-tree"], env={**os.environ, "DISPLAY": display},
                          capture_output=True, text=True).stdout.splitlines()


def _tray_panel_up(display: str) -> bool:
    return any(_PANEL.match(line) for line in _tree(display))


def tray_icon_embedded(display: str) -> bool:
    panel_indent: int | None = None
    for line in _tree(display):
        panel = _PANEL.match(line)
        if panel:
            panel_indent = len(panel.group(1))
            continue
        window = _RAMAL_WINDOW.match(line)
        if window and panel_indent is not None and len(window.group(1)) > panel_indent:
            return True
        if panel_indent is not None and line.strip() and not line.startswith(
                " " * (panel_indent + 1)):
            panel_indent = None  # left the panel's subtree
    return False


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def one_run(command: list[str], display: str, timeout: float = 60.0) -> float:
    home = Path(tempfile.mkdtemp(prefix="ramal-bench-home-"))
    config = home / "ramal.toml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONPATH")}
    env.update(HOME=str(home), DISPLAY=display, QT_QPA_PLATFORM="xcb",
               XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_STATE_HOME=str(home / ".local/state"), XDG_RUNTIME_DIR=str(home))
    started = time.perf_counter()
    process = subprocess.Popen([*command, "gui", "--config", str(config)], cwd=home, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not tray_icon_embedded(display):
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited ({process.returncode}) before the tray")
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"no tray icon after {timeout} s")
            time.sleep(0.01)
        return time.perf_counter() - started
    finally:
        stop_process(process, timeout_s=10)
        shutil.rmtree(home, ignore_errors=True)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*"))


def load_build() -> object:
    path = ROOT / "packaging" / "linux" / "build.py"
    spec = importlib.util.spec_from_file_location("linux_build", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["linux_build"] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-source", action="store_true", help="measure the bundle only")
    parser.add_argument("--drop-caches", action="store_true",
                        help="empty the page cache before every run (root)")
    args = parser.parse_args()

    build = load_build()
    artifacts = build.build_all()  # type: ignore[attr-defined]
    kinds = {"bundle": [str(artifacts.bundle / "ramal")]}
    if not args.no_source:
        kinds["source"] = [sys.executable, str(ROOT / "main.py")]

    results: dict[str, list[float]] = {kind: [] for kind in kinds}
    with display_with_tray() as display:
        for i in range(args.runs):
            for kind, command in kinds.items():  # interleaved: both see the same machine load
                if args.drop_caches and not drop_caches():
                    print("--drop-caches: not permitted here; caches stay warm", file=sys.stderr)
                    args.drop_caches = False
                results[kind].append(one_run(command, display))
                print(f"run {i + 1} {kind}: {results[kind][-1] * 1000:.0f} ms", file=sys.stderr)

    print(f"cold start → tray icon ({args.runs} runs each"
          f"{', page cache dropped before each' if args.drop_caches else ''}):")
    for kind, values in results.items():
        print(f"  {kind:7s} first {values[0] * 1000:6.0f} ms   median "
              f"{statistics.median(values) * 1000:6.0f} ms   p95 {p95(values) * 1000:6.0f} ms")
    if "source" in results:
        ratio = statistics.median(results["bundle"]) / statistics.median(results["source"])
        print(f"  bundle/source median ratio: {ratio:.2f}")
    size = folder_size(artifacts.bundle)
    print(f"installed size: bundle folder {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)")
    for item in (artifacts.deb, artifacts.tarball):
        if item is not None:
            print(f"  {item.name}: {item.stat().st_size / 1e6:.1f} MB download")
    return 0


if __name__ == "__main__":
    sys.exit(main())
