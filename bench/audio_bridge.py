"""Benchmark: what the audio bridge costs per active call (latency it adds, CPU it burns).

Run by hand: .venv/bin/python bench/audio_bridge.py [--seconds 10] [--runs 3]

Sets up the same real parts as tests/audio (a private PulseAudio server with a 48 kHz stereo
"headset" and a FIFO microphone, Kamailio, a far-end pjsua2 process playing a tone) and, in one
run, measures:
  * the pjmedia-thread callback cost (copy out of / into the conference bridge), µs;
  * the audio Ramal keeps queued in each direction during a call (ring buffers + Qt's device
    buffer), sampled every 50 ms: median / p95 in ms and in 20 ms frames;
  * what PulseAudio itself holds for our stream beyond that ("Buffer Latency" of the sink
    input, sampled with pactl a few times per call: the OS's share, not Ramal's);
  * whether the low latency costs audible damage: device underruns (Qt's sink went idle for
    want of data), frames dropped to bound the delay, and silent gaps >= 5 ms in a recording of
    the headset (the far end plays a steady 440 Hz tone, so any gap is a dropout);
  * process CPU while registered and idle vs during one call, both with PulseAudio converting
    the format (default) and with Ramal resampling 16 kHz mono ⇄ 48 kHz stereo itself.
With --runs N the two modes alternate N times and each figure is given as the median of the
runs with its spread (min-max): the machine is shared, single runs move by a point of CPU.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "audio"), str(ROOT / "tests" / "sip")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORK = Path(tempfile.mkdtemp(prefix="ramal-bench-audio-"))
from pulse_testbed import FifoMicrophone, MonitorRecording, PulseServer  # noqa: E402

PULSE = PulseServer(WORK)
os.environ["PULSE_SERVER"] = f"unix:{PULSE.socket}"
# as the app does at start-up (desktop/app/startup.py); RAMAL_BENCH_PULSE_DEFAULT=1 measures without
if not os.environ.get("RAMAL_BENCH_PULSE_DEFAULT"):
    from desktop.audio.pulse_latency import prefer_low_latency_pulse

    prefer_low_latency_pulse(os.environ)

import pjsua2 as pj  # noqa: E402
from call_testbed import EngineEvents, FarEnd, sip_settings, write_wav  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sip_testbed import Pbx  # noqa: E402

from desktop.audio.headset import HeadsetAudio  # noqa: E402
from desktop.pcm import samples as pcm  # noqa: E402
from desktop.pcm.headset_link import HeadsetLink  # noqa: E402
from desktop.sip.audio_bridge import AudioBridge, vector_bytes  # noqa: E402
from desktop.sip.engine import SipEngine  # noqa: E402
from desktop.sip.events import CallEnded, IncomingCall, RegistrationChanged  # noqa: E402

RATE = 16000


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class QtWaiter:
    """Enough of pytest-qt's qtbot for EngineEvents.wait_for: a real event loop for ``ms``
    (a processEvents/sleep poll would add its own wake-ups to the CPU being measured)."""

    def __init__(self, app: QApplication) -> None:
        self.app = app

    def wait(self, ms: int) -> None:
        loop = QEventLoop()
        QTimer.singleShot(max(0, ms), loop.quit)
        loop.exec()


def gaps(recording: bytes, rate: int, min_ms: float = 5.0, threshold: int = 300) -> int:
    """Silent stretches of at least ``min_ms`` in a recording of a steady tone: dropouts."""
    # the first 100 ms are skipped: parec may start recording the monitor a moment before our
    # stream's audio is mixed into it
    samples = pcm.to_samples(recording)[rate // 10:]
    need = int(rate * min_ms / 1000)
    count = run = 0
    for s in samples:
        if -threshold < s < threshold:
            run += 1
            if run == need:
                count += 1
        else:
            run = 0
    return count


def pulse_buffer_ms(pulse: PulseServer) -> list[float]:
    """PulseAudio's "Buffer Latency" of every playback stream (sink input), in ms."""
    out = pulse.pactl("list", "sink-inputs").stdout
    return [float(v) / 1000 for v in re.findall(r"Buffer Latency: ([\d.]+) usec", out)]


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


def measure_call(app: QApplication, pbx: Pbx, seconds: float, native: bool,
                 options: dict[str, int]) -> dict[str, float]:
    waiter = QtWaiter(app)
    link = HeadsetLink(rate=RATE)
    headset = HeadsetAudio(link, speaker="bench_headset", microphone="bench_mic",
                           native_format=native, **options)
    events = EngineEvents()
    engine = SipEngine(events, media_handler=AudioBridge(link))
    engine.start(sip_settings(pbx)).result(10)
    events.wait_for(RegistrationChanged, waiter, state="registered")  # type: ignore[arg-type]
    # idle baseline: registered, no call
    waiter.wait(500)
    c0, w0 = time.process_time(), time.monotonic()
    waiter.wait(int(seconds * 1000 / 2))
    idle = (time.process_time() - c0) / (time.monotonic() - w0)
    # one long tone, not a looped second: the loop joins would fade through silence and
    # count as gaps in the recording
    tone = write_wav(WORK / "a440.wav", pcm.tone((440.0,), RATE, (seconds + 15) * 1000, 0.5),
                     RATE)
    far = FarEnd("--registrar", pbx.address, "--call", f"sip:101@{pbx.address}",
                 "--play", str(tone), "--timeout", str(seconds + 20))
    try:
        incoming = events.wait_for(IncomingCall, waiter)  # type: ignore[arg-type]
        engine.answer(incoming.call_id).result(5)
        while not headset.running:
            waiter.wait(20)
        waiter.wait(1000)  # settle
        to_headset, from_headset, ring_part, pulse_part = [], [], [], []
        written0 = link.to_headset.written_bytes
        dropped0 = link.to_headset.dropped_bytes
        mic_underruns0 = link.from_headset.underruns
        device_underruns0 = headset.output_underruns
        recording = MonitorRecording(PULSE, "bench_headset", rate=RATE)
        c0, w0 = time.process_time(), time.monotonic()
        n = 0
        while time.monotonic() - w0 < seconds:
            waiter.wait(50)
            latency = headset.latency()
            to_headset.append(latency.to_headset_ms)
            ring_part.append(latency.to_headset_ring_ms)
            from_headset.append(latency.from_headset_ring_ms)
            n += 1
            if n % 20 == 0:   # pactl is another process: its CPU is not ours, but keep it rare
                pulse_part.extend(pulse_buffer_ms(PULSE))
        elapsed = time.monotonic() - w0
        busy = (time.process_time() - c0) / elapsed
        heard = recording.stop()
        frames_per_s = (link.to_headset.written_bytes - written0) / link.frame_bytes / elapsed
        drops = (link.to_headset.dropped_bytes - dropped0) / link.frame_bytes
        underruns = link.from_headset.underruns - mic_underruns0
        device_underruns = headset.output_underruns - device_underruns0
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
        "pulse_med": statistics.median(pulse_part) if pulse_part else float("nan"),
        "device_underruns": device_underruns, "gaps": gaps(heard, RATE),
    }


def spread(runs: list[dict[str, float]], key: str, fmt: str = ".1f") -> str:
    values = [r[key] for r in runs]
    if len(values) == 1:
        return f"{values[0]:{fmt}}"
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}-{max(values):{fmt}})"


def report(runs: list[dict[str, float]], native: bool) -> None:
    label = "Ramal resamples 16k mono <-> 48k stereo" if native else \
        "PulseAudio converts the format"
    n = f", median of {len(runs)} runs (min-max)" if len(runs) > 1 else ""
    print(f"\n[{label}{n}]")
    print(f"  queued toward the headset (ring + Qt buffer): median {spread(runs, 'to_med')} ms,"
          f" p95 {spread(runs, 'to_p95')} ms")
    print(f"  of which in the ring buffer: median {spread(runs, 'ring_med')} ms; the bridge "
          f"delivered {spread(runs, 'frames_per_s')} frames/s")
    print(f"  PulseAudio's own stream buffer on top (not Ramal's): {spread(runs, 'pulse_med')} ms")
    print(f"  queued from the microphone: median {spread(runs, 'from_med')} ms, "
          f"p95 {spread(runs, 'from_p95')} ms")
    print(f"  damage: device underruns {spread(runs, 'device_underruns', '.0f')}, frames "
          f"dropped to bound delay {spread(runs, 'dropped_frames', '.0f')}, silent gaps >= 5 ms "
          f"in the headset recording {spread(runs, 'gaps', '.0f')}, mic underruns "
          f"{spread(runs, 'mic_underruns', '.0f')}")
    print(f"  CPU of the process: idle {spread(runs, 'idle_cpu', '.2f')} %, in a call "
          f"{spread(runs, 'call_cpu', '.2f')} % -> {spread(runs, 'per_call_cpu', '.2f')} % "
          f"of one core per call")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=10.0)
    ap.add_argument("--runs", type=int, default=1, help="alternate the two modes N times")
    ap.add_argument("--buffer-ms", type=int, default=None,
                    help="QAudioSink buffer (default: HeadsetAudio's)")
    ap.add_argument("--queue-ms", type=int, default=None,
                    help="bound on the audio queued toward the headset (default: HeadsetAudio's)")
    args = ap.parse_args()
    options = {}
    if args.buffer_ms is not None:
        options["output_buffer_ms"] = args.buffer_ms
    if args.queue_ms is not None:
        options["playback_queue_ms"] = args.queue_ms
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
        results: dict[bool, list[dict[str, float]]] = {False: [], True: []}
        for run in range(args.runs):
            for native in (False, True):
                r = measure_call(app, pbx, args.seconds, native, options)
                results[native].append(r)
                print(f"  run {run + 1} {'python' if native else 'pulse '}: to headset "
                      f"{r['to_med']:.1f}/{r['to_p95']:.1f} ms, CPU/call "
                      f"{r['per_call_cpu']:.2f} %, underruns {r['device_underruns']}, "
                      f"drops {r['dropped_frames']:.0f}, gaps {r['gaps']}", flush=True)
        for native in (False, True):
            report(results[native], native)
        ratio = statistics.median(r["per_call_cpu"] for r in results[True]) / max(
            0.01, statistics.median(r["per_call_cpu"] for r in results[False]))
        print(f"\nCPU ratio, Ramal resampling / PulseAudio converting (medians): {ratio:.2f}x")
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
