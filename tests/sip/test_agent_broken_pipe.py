"""``ramal agent --auto-answer … | head -1``: the reader of stdout exits, the agent works on.

The agent's JSON lines are printed on the engine thread inside the event callback; before,
the broken pipe raised there and the agent's reaction to the event (auto-answer, the IXC
lookup) never ran. The test closes the real pipe after the registration line, then a SIPp
caller must be answered, and SIGTERM must still un-REGISTER and exit 0.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from sip_testbed import ROOT, Pbx, Sipp, running, write_config


def test_agent_still_answers_after_its_stdout_reader_went_away(pbx: Pbx,
                                                               tmp_path: Path) -> None:
    config = write_config(tmp_path / "a.toml", pbx, "101")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "agent", "--config", str(config),
         "--auto-answer", "0.2"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    sipp: Sipp | None = None
    try:
        assert proc.stdout is not None and proc.stderr is not None
        while True:  # `head` reads until the line it wants, then exits
            line = json.loads(proc.stdout.readline())
            if line == {**line, "event": "registration", "state": "registered"}:
                break
        proc.stdout.close()  # the reader is gone: the next line the agent prints hits EPIPE
        sipp = Sipp(tmp_path, pbx, "caller_talk", extra=["-d", "300"])
        assert sipp.wait() == 0, sipp.report()  # answered (200 OK), talked, hung up
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        stderr = proc.stderr.read().decode("utf-8", errors="replace")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        with running(*([sipp] if sipp else [])):
            pass
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert "saída padrão foi fechada" in stderr
    # the REGISTER, then the un-REGISTER on the way out (each answered 200 by the PBX)
    assert pbx.wait_count("REGISTER-OK to=101 ", 2) == 2
