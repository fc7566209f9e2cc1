"""Queue login/logout by dial code as a real call through the test PBX (our Kamailio): the codes'
far ends are peers registered as ``*62`` and ``*63`` that answer and hang up like 3CX's prompt
(tests/sip/dial_code_peer.py); the desk with the real SipEngine runs as 101 in its own process
(tests/sip/queue_desk.py). The far end saw the desk's call to the code, and the desk's state
became "dentro", then "fora"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sip.dial_code_peer import DialCodePeer
from tests.sip.sip_testbed import ROOT, Pbx, running


def test_queue_login_and_logout_dial_the_codes_through_the_pbx(tmp_path: Path) -> None:
    pbx = Pbx(tmp_path)
    pbx.start()
    try:
        login = DialCodePeer(pbx.port, "*62", "secret62").start()
        logout = DialCodePeer(pbx.port, "*63", "secret63").start()
        with running(login, logout):
            desk = subprocess.run(
                [sys.executable, str(ROOT / "tests" / "sip" / "queue_desk.py"),
                 "--port", str(pbx.port), "--login", "*62", "--logout", "*63"],
                cwd=ROOT, capture_output=True, timeout=90,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            stderr = desk.stderr.decode(errors="replace")[-3000:]
            lines = [line for line in desk.stdout.decode(errors="replace").splitlines()
                     if line.startswith("RESULT ")]
            assert lines, stderr
            result = json.loads(lines[-1][len("RESULT "):])
            assert "error" not in result, (result, stderr, pbx.log()[-3000:])
            assert desk.returncode == 0
            assert result["available"]
            assert result["while_dialling"] == "Filas: mudando…"
            assert result["after_login"] == "Filas: dentro"
            assert result["after_logout"] == "Filas: fora"
            assert result["notices"] == ["Você entrou nas filas.", "Você saiu das filas."]
            # each far end got exactly one call, from extension 101, answered and hung up
            for peer, code in ((login, "*62"), (logout, "*63")):
                assert peer.seen.invites == [code]
                assert "sip:101@" in peer.seen.callers[0]
                assert peer.seen.answered == 1 and peer.seen.hung_up == 1
            assert pbx.count("ROUTE INVITE") >= 2
    finally:
        pbx.stop()
