"""RAMAL_SIP_LOG: pjsip's full log, without the REGISTER's digest response.

A digest response with its nonce and realm lets a short extension password be found offline by
trying a dictionary, so the file Ramal writes hides it (and is readable by its user only).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from conftest import EngineHarness, sip_settings
from sip_testbed import Pbx

from desktop.sip.events import RegistrationChanged

DIGEST_RESPONSE = re.compile(r'response="?(?!\*\*\*)[0-9a-fA-F]{16,}')


def test_sip_log_has_the_register_but_not_its_digest(pbx: Pbx, engines: EngineHarness,
                                                     tmp_path: Path) -> None:
    trace = tmp_path / "pjsip.log"
    old_umask = os.umask(0o022)
    try:
        engine, log = engines.start(sip_settings(pbx), pj_log_level=5, pj_log_file=str(trace))
        event = log.wait_for(RegistrationChanged, 10.0,
                             where=lambda e: e.state in ("registered", "failed")
                             and e.retry_in_s is None)
        assert event.state == "registered", event
        assert engine.shutdown(2.0)
    finally:
        os.umask(old_umask)
    text = trace.read_text(errors="replace")
    # the log is the real thing: the challenged REGISTER and its credentials header are there
    assert "REGISTER sip:" in text and "401 Unauthorized" in text
    authorization = [line for line in text.splitlines() if line.startswith("Authorization:")]
    assert authorization, "no Authorization header in the log"
    assert all('username="101"' in line and 'response="***"' in line for line in authorization)
    assert not DIGEST_RESPONSE.search(text)
    assert stat.S_IMODE(trace.stat().st_mode) == 0o600
