"""The desk's attended transfer over real SIP: our Kamailio, the customer and the sector as
``python main.py agent --auto-answer 0`` processes (102 and 103), and the desk with the real
SipEngine as 101 in its own process (tests/ui/attended_desk.py: one pjsua2 endpoint per
process). The customer ends up talking to the sector: the sector's agent reports its
consultation call replaced by the customer's, answered."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sip.sip_testbed import ROOT, AgentProcess, Pbx, running, write_config


def test_the_desk_consults_the_sector_and_joins_the_customer_to_it(tmp_path: Path) -> None:
    pbx = Pbx(tmp_path)
    pbx.start()
    try:
        customer = AgentProcess(write_config(tmp_path / "102.toml", pbx, "102"), auto_answer=0)
        sector = AgentProcess(write_config(tmp_path / "103.toml", pbx, "103"), auto_answer=0)
        with running(customer, sector):
            customer.wait_for(event="registration", state="registered")
            sector.wait_for(event="registration", state="registered")
            desk = subprocess.run(
                [sys.executable, str(ROOT / "tests" / "ui" / "attended_desk.py"),
                 "--port", str(pbx.port), "--customer", "102", "--sector", "103"],
                cwd=ROOT, capture_output=True, timeout=90,
                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            lines = [line for line in desk.stdout.decode(errors="replace").splitlines()
                     if line.startswith("RESULT ")]
            assert lines, desk.stderr.decode(errors="replace")[-3000:]
            result = json.loads(lines[-1][len("RESULT "):])
            assert "error" not in result, (result, desk.stderr.decode(errors="replace")[-3000:])
            assert desk.returncode == 0
            assert result["customer_held"] and result["complete_shown"]
            assert result["consult_title"].startswith("Consulta com Financeiro")
            assert result["status"] == "Transferência concluída: o cliente está com Financeiro."
            # 103's consultation was replaced by a call from 102, and they talk
            replaced = sector.wait_for(event="call_replaced")
            sector.wait_for(event="call_state", call_id=replaced["call_id"], state="answered")
            outgoing = customer.wait_for(event="outgoing_call")
            assert outgoing["number"] == "103"
            customer.wait_for(event="call_state", call_id=outgoing["call_id"], state="answered")
            assert customer.stop() == 0
            sector.wait_for(event="call_ended", call_id=replaced["call_id"])
            assert sector.stop() == 0
    finally:
        pbx.stop()
