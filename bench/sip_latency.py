"""SIP engine benchmark, against our Kamailio and SIPp on loopback (run by hand).

Measures, in one run and side by side:
  * INVITE leaving SIPp → ``incoming_call`` JSON line read from ``ramal agent`` (our full path:
    Kamailio, pjsua2, engine thread, caller-ID parsing, asyncio hop, stdout pipe), and
    INVITE leaving SIPp → ``onIncomingCall`` in a bare pjsua2 script (the floor);
    p50/p95 over N calls each (SIPp's -trace_msg gives the send time of every INVITE);
  * process start → registered, agent vs bare script (median of 5);
  * the agent's idle CPU and RSS over 10 s, registered, no calls.
Usage: .venv/bin/python bench/sip_latency.py [--calls 60]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "sip"))

from sip_testbed import AgentProcess, Pbx, Sipp, wait_until, write_config  # noqa: E402

BARE = ROOT / "bench" / "sip_bare_ua.py"
_SENT = re.compile(r"^-+ (\d{4}-\d\d-\d\d)[ \t](\d\d:\d\d:\d\d\.\d+)\n\w+ message sent[^\n]*\n\n"
                   r"INVITE [^\n]*\n(?:[^\n]+\n)*?Call-ID: ([^\n]+)", re.MULTILINE)


def invite_send_times(messages: Path) -> list[float]:
    """Wall-clock time each call's first INVITE left SIPp, in call order."""
    seen: dict[str, float] = {}
    for date, clock, call_id in _SENT.findall(messages.read_text(errors="replace")):
        stamp = datetime.strptime(f"{date} {clock}", "%Y-%m-%d %H:%M:%S.%f").timestamp()
        seen.setdefault(call_id.strip(), stamp)
    return list(seen.values())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class BareUa:
    def __init__(self, pbx: Pbx, extension: str, password: str) -> None:
        self.started = time.time()
        self.proc = subprocess.Popen(
            [sys.executable, str(BARE), pbx.address, extension, password],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: list[tuple[str, float]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            parts = line.split()
            if len(parts) == 2 and parts[0] in ("registered", "incoming"):  # not pjlib's chatter
                self.lines.append((parts[0], float(parts[1])))
                self.lines.append((parts[0] + "-read", time.time()))  # after the pipe, like ours

    def times(self, kind: str) -> list[float]:
        return [t for k, t in self.lines if k == kind]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def agent_line_times(agent: AgentProcess, event: str) -> list[float]:
    # AgentProcess stamps lines with time.monotonic() on arrival; convert to wall clock
    offset = time.time() - time.monotonic()
    return [e["_t"] + offset for e in agent.events if e["event"] == event]


def run_calls(work: Path, pbx: Pbx, service: str, calls: int) -> list[float]:
    sipp = Sipp(work, pbx, "caller_cancel", service, calls=calls, rate=5.0,
                extra=["-d", "50", "-l", "1"], timeout_s=calls + 60)
    code = sipp.wait(timeout=calls + 90)
    if code != 0:
        raise SystemExit(f"SIPp failed ({code}):\n{sipp.report()}")
    return invite_send_times(sipp.messages)


def latencies(sent: list[float], received: list[float]) -> list[float]:
    if len(sent) != len(received):
        raise SystemExit(f"{len(sent)} INVITEs sent but {len(received)} seen")
    return [(r - s) * 1000 for s, r in zip(sent, received, strict=True)]


def proc_cpu_rss(pid: int) -> tuple[float, int]:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    rss_kb = next(int(line.split()[1]) for line in Path(f"/proc/{pid}/status").read_text()
                  .splitlines() if line.startswith("VmRSS:"))
    return ticks / 100.0, rss_kb  # USER_HZ is 100 on Linux


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ramal-bench-"))
    pbx = Pbx(work)
    pbx.start()
    try:
        # --- start → registered (5 runs each, alternating) --------------------------------
        agent_reg, bare_reg = [], []
        for i in range(5):
            agent = AgentProcess(write_config(work / f"reg{i}.toml", pbx, "101"))
            start_wall = time.time() - (time.monotonic() - agent.started_at)
            agent.wait_for(event="registration", state="registered")
            agent_reg.append((agent_line_times(agent, "registration")[1] - start_wall) * 1000)
            agent.stop()
            bare = BareUa(pbx, "102", "secret102")
            wait_until(lambda b=bare: b.times("registered"), 15)
            bare_reg.append((bare.times("registered")[0] - bare.started) * 1000)
            bare.stop()

        # --- INVITE → event, both user agents registered at once ---------------------------
        agent = AgentProcess(write_config(work / "agent.toml", pbx, "101"))
        agent.wait_for(event="registration", state="registered")
        bare = BareUa(pbx, "102", "secret102")
        wait_until(lambda: bare.times("registered"), 15)

        # idle first, while nothing else runs
        cpu0, _ = proc_cpu_rss(agent.proc.pid)
        time.sleep(10)
        cpu1, rss = proc_cpu_rss(agent.proc.pid)
        idle_cpu = (cpu1 - cpu0) / 10 * 100

        ours: list[float] = []
        floor: list[float] = []
        floor_read: list[float] = []
        half = max(1, args.calls // 2)
        for _ in range(2):  # interleave in two rounds so load drift hits both alike
            ours += latencies(run_calls(work, pbx, "101", half),
                              agent_line_times(agent, "incoming_call")[len(ours):])
            sent = run_calls(work, pbx, "102", half)
            floor += latencies(sent, bare.times("incoming")[len(floor):])
            floor_read += latencies(sent, bare.times("incoming-read")[len(floor_read):])
        agent.stop()
        bare.stop()
    finally:
        pbx.stop()

    def row(name: str, values: list[float]) -> str:
        return (f"{name:<44} n={len(values):>3}  p50={statistics.median(values):7.2f} ms  "
                f"p95={percentile(values, 0.95):7.2f} ms")

    print(row("INVITE -> incoming_call (ramal agent, JSON)", ours))
    print(row("INVITE -> onIncomingCall (bare pjsua2)", floor))
    print(row("INVITE -> bare pjsua2 line read (same pipe)", floor_read))
    for name, base in (("onIncomingCall", floor), ("bare line read", floor_read)):
        print(f"ratio vs {name}: p50 {statistics.median(ours) / statistics.median(base):.2f}x, "
              f"p95 {percentile(ours, .95) / percentile(base, .95):.2f}x  (target <= 1.5x)")
    print(f"start -> registered: agent median {statistics.median(agent_reg):.0f} ms "
          f"(max {max(agent_reg):.0f}), bare pjsua2 median {statistics.median(bare_reg):.0f} ms"
          "  (target < 1000 ms)")
    print(f"agent idle: CPU {idle_cpu:.2f} % of one core over 10 s, RSS {rss / 1024:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
