"""Benchmark: what the audio bridge costs per active call (latency it adds, CPU it burns).

Run by hand: .venv/bin/python bench/audio_bridge.py [--seconds 10]

Sets up the same real parts as tests/audio (a private PulseAudio server with a 48 kHz stereo
"headset" and a FIFO microphone, Kamailio, a far-end pjsua2 process playing a tone) and, in one
run, measures:
  * the pjmedia-thread callback cost (copy out of / into the conference bridge), µs;
  * the audio Ramal keeps queued in each direction during a call (ring buffers + Qt's device
    buffer), sampled every 50 ms: median / p95 in ms and in 20 ms frames;
  * process CPU while registered and idle vs during one call, both with PulseAudio converting
    the format (default) and with Ramal resampling 16 kHz mono ⇄ 48 kHz stereo itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "audio"), str(ROOT / "tests" / "sip")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORK = Path(tempfile.mkdtemp(prefix="ramal-bench-audio-"))
from pulse_testbed import FifoMicrophone, PulseServer  # noqa: E402

PULSE = PulseServer(WORK)
os.environ["PULSE_SERVER"] = f"unix:{PULSE.socket}"

import pjsua2 as pj  # noqa: E402
from call_testbed import EngineEvents, FarEnd, sip_settings, write_wav  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sip_testbed import Pbx  # noqa: E402

from desktop.audio import pcm  # noqa: E402
from desktop.audio.headset import HeadsetAudio  # noqa: E402
from desktop.audio.link import HeadsetLink  # noqa: E402
from desktop.sip.audio_bridge import AudioBridge, vector_bytes  # noqa: E402
from desktop.sip.engine import SipEngine  # noqa: E402
from desktop.sip.events import CallEnded, IncomingCall, RegistrationChanged  # noqa: E402

RATE = 16000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class QtWaiter:
    """Enough of pytest-qt's qtbot for EngineEvents.wait_for."""

    def __init__(self, app: QApplication) -> None:
        self.app = app

    def wait(self, ms: int) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.002)


def callback_cost() -> tuple[list[float], list[float]]:
    link = HeadsetLink(rate=RATE)
    frame = pj.ByteVector(pcm.tone((440.0,), RATE, 20))
    receive, request = [], []
    for _ in range(3000):
        t0 = time.perf_counter()
        link.to_headset.write(vector_bytes(frame))           # onFrameReceived's work
        t1 = time.perf_counter()
        pj.ByteVector(link.from_headset.read_frame(link.frame_bytes))  # onFrameRequested's
        t2 = time.perf_counter()
        receive.append((t1 - t0) * 1e6)
        request.append((t2 - t1) * 1e6)
        link.to_headset.clear()
    return receive, request


def measure_call(app: QApplication, pbx: Pbx, seconds: float, native: bool) -> dict[str, float]:
    waiter = QtWaiter(app)
    link = HeadsetLink(rate=RATE)
    headset = HeadsetAudio(link, speaker="bench_headset", microphone="bench_mic",
                           native_format=native)
    events = EngineEvents()
    engine = SipEngine(events, media_handler=AudioBridge(link))
    engine.start(sip_settings(pbx)).result(10)
    events.wait_for(RegistrationChanged, waiter, state="registered")  # type: ignore[arg-type]
    # idle baseline: registered, no call
    waiter.wait(500)
    c0, w0 = time.process_time(), time.monotonic()
    waiter.wait(int(seconds * 1000 / 2))
    idle = (time.process_time() - c0) / (time.monotonic() - w0)
    tone = write_wav(WORK / "a440.wav", pcm.tone((440.0,), RATE, 1000, 0.5), RATE)
    far = FarEnd("--registrar", pbx.address, "--call", f"sip:101@{pbx.address}",
                 "--play", str(tone), "--timeout", str(seconds + 20))
    try:
        incoming = events.wait_for(IncomingCall, waiter)  # type: ignore[arg-type]
        engine.answer(incoming.call_id).result(5)
        while not headset.running:
            waiter.wait(20)
        waiter.wait(1000)  # settle
        to_headset, from_headset, ring_part = [], [], []
        written0 = link.to_headset.written_bytes
        c0, w0 = time.process_time(), time.monotonic()
        while time.monotonic() - w0 < seconds:
            waiter.wait(50)
            latency = headset.latency()
            to_headset.append(latency.to_headset_ms)
            ring_part.append(latency.to_headset_ring_ms)
            from_headset.append(latency.from_headset_ring_ms)
        elapsed = time.monotonic() - w0
        busy = (time.process_time() - c0) / elapsed
        frames_per_s = (link.to_headset.written_bytes - written0) / link.frame_bytes / elapsed
        drops = link.to_headset.dropped_bytes / link.frame_bytes
        underruns = link.from_headset.underruns
        engine.hangup(incoming.call_id).result(5)
        events.wait_for(CallEnded, waiter)  # type: ignore[arg-type]
    finally:
        far.stop()
        engine.shutdown(5.0)
        headset.close()
    return {
        "idle_cpu": idle * 100, "call_cpu": busy * 100, "per_call_cpu": (busy - idle) * 100,
        "to_med": statistics.median(to_headset), "to_p95": pct(to_headset, 0.95),
        "from_med": statistics.median(from_headset), "from_p95": pct(from_headset, 0.95),
        "dropped_frames": drops, "mic_underruns": underruns, "frames_per_s": frames_per_s,
        "ring_med": statistics.median(ring_part),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args()
    receive, request = callback_cost()
    print(f"pjmedia callbacks (20 ms frame, 16 kHz mono): onFrameReceived median "
          f"{statistics.median(receive):.1f} µs p95 {pct(receive, 0.95):.1f} µs; "
          f"onFrameRequested median {statistics.median(request):.1f} µs "
          f"p95 {pct(request, 0.95):.1f} µs")
    PULSE.start()
    pbx = Pbx(WORK / "pbx-dir")
    (WORK / "pbx-dir").mkdir()
    mic: FifoMicrophone | None = None
    try:
        PULSE.add_sink("bench_headset", "Bench headset", rate=48000, channels=2)
        PULSE.add_fifo_source("bench_mic", "Bench mic", WORK / "mic.fifo", rate=48000)
        mic = FifoMicrophone(WORK / "mic.fifo", rate=48000)
        pbx.start()
        app = QApplication([])
        results = {}
        for native in (False, True):
            results[native] = r = measure_call(app, pbx, args.seconds, native)
            label = "Ramal resamples 16k mono <-> 48k stereo" if native else \
                "PulseAudio converts the format"
            print(f"\n[{label}]")
            print(f"  queued toward the headset: median {r['to_med']:.1f} ms "
                  f"({r['to_med'] / 20:.1f} frames), p95 {r['to_p95']:.1f} ms")
            print(f"  of which in the ring buffer: median {r['ring_med']:.1f} ms; the bridge "
                  f"delivered {r['frames_per_s']:.1f} frames/s")
            print(f"  queued from the microphone: median {r['from_med']:.1f} ms "
                  f"({r['from_med'] / 20:.1f} frames), p95 {r['from_p95']:.1f} ms")
            print(f"  added (both directions, median): {r['to_med'] + r['from_med']:.1f} ms; "
                  f"frames dropped to bound delay: {r['dropped_frames']:.0f}; "
                  f"mic underruns: {r['mic_underruns']}")
            print(f"  CPU of the process: idle {r['idle_cpu']:.2f} %, in a call "
                  f"{r['call_cpu']:.2f} % -> {r['per_call_cpu']:.2f} % of one core per call")
        ratio = results[True]["per_call_cpu"] / max(0.01, results[False]["per_call_cpu"])
        print(f"\nCPU ratio, Ramal resampling / PulseAudio converting: {ratio:.2f}x")
    finally:
        if mic is not None:
            mic.close()
        pbx.stop()
        PULSE.stop()
    return 0


if __name__ == "__main__":
    # a normal exit: the "none_dealloc" abort once seen here was PySide6 6.12's leaked refs
    # to None/True (pinned below 6.12 in pyproject.toml), not pjsua2's teardown
    sys.exit(main())
