"""The demo's caller: one real SIP call to the app's extension, from a customer's number.

Run as a child process (``python -m desktop.demo.caller ...``): pjsua2 allows one endpoint per
process and the app has its own. It uses Ramal's own :class:`SipEngine` with the customer's
number as its extension, registers with the demo PBX, and INVITEs the app through it (the PBX
is its outbound proxy), so the app sees a real INVITE with a real From, coming from the PBX as
Ramal requires. It hangs up after ``--talk`` seconds
of conversation, gives up (a missed call) after ``--ring`` seconds, and exits when the call ends.
Exit code 0 when a call was placed and ended, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import queue
import signal
import sys
import time
from collections.abc import Sequence

from desktop.settings.model import SipSettings
from desktop.sip.events import CallEnded, CallStateChanged, RegistrationChanged, SipEvent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="demo_caller")
    parser.add_argument("--pbx-port", type=int, required=True)
    parser.add_argument("--number", required=True, help='caller number, or "anonymous"')
    parser.add_argument("--name", default="")
    parser.add_argument("--target", required=True, help="sip:EXT@127.0.0.1:PORT")
    parser.add_argument("--ring", type=float, default=40.0)
    parser.add_argument("--talk", type=float, default=90.0)
    args = parser.parse_args(argv)

    from desktop.sip.engine import SipEngine

    events: queue.SimpleQueue[SipEvent] = queue.SimpleQueue()
    engine = SipEngine(events.put)
    stop = False

    def on_signal(_sig: int, _frame: object) -> None:
        nonlocal stop
        stop = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    sip = SipSettings(server="127.0.0.1", port=args.pbx_port, extension=args.number,
                      password="demo", display_name=args.name, bind_address="127.0.0.1",
                      registrar=f"sip:127.0.0.1:{args.pbx_port}",
                      keepalive_s=0, register_expires_s=60)
    placed = False
    parent = os.getppid()
    try:
        engine.start(sip).result(10)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:       # the demo PBX answers REGISTER at once
            try:
                event = events.get(timeout=0.1)
            except queue.Empty:
                continue
            if isinstance(event, RegistrationChanged) and event.state in ("registered",
                                                                            "failed"):
                break
        call_id = engine.call(args.target).result(10)
        placed = True
        give_up = time.monotonic() + args.ring
        hang_up_at: float | None = None
        while not stop:
            if os.getppid() != parent:   # the demo died without stopping us: hang up
                break
            now = time.monotonic()
            due = hang_up_at if hang_up_at is not None else give_up
            if now > due:
                engine.hangup(call_id)
                give_up = hang_up_at = now + 3600
            try:
                event = events.get(timeout=0.1)
            except queue.Empty:
                continue
            if isinstance(event, CallStateChanged) and event.call_id == call_id \
                    and event.state == "answered" and hang_up_at is None:
                hang_up_at = time.monotonic() + args.talk
            elif isinstance(event, CallEnded) and event.call_id == call_id:
                break
        if stop or os.getppid() != parent:
            engine.hangup(call_id).result(2)
            time.sleep(0.3)
    except Exception as exc:
        print(f"demo_caller: {exc}", file=sys.stderr)
    finally:
        engine.shutdown(timeout=3.0)
    return 0 if placed else 1


if __name__ == "__main__":
    sys.exit(main())
