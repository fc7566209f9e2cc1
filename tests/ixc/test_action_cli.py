"""``main.py action`` as a real subprocess against the simulator: JSON, exit codes, the PDF."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.ixc.pix_emv import check_br_code
from tests.ixc.test_lookup_cli import config, run


def _contract(sim: SimulatorHandle, customer: str) -> str:
    return next(r["id"] for r in sim.tables["cliente_contrato"] if r["id_cliente"] == customer)


def _login(sim: SimulatorHandle, customer: str) -> str:
    return next(r["id"] for r in sim.tables["radusuarios"] if r["id_cliente"] == customer)


def test_pix_and_boleto_json(sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = config(tmp_path, sim.url)
    invoice = next(r for r in sim.tables["fn_areceber"]
                   if r["id_cliente"] == "102" and r["status"] == "A")
    pix = run(["action", "pix", invoice["id"], "--config", str(cfg), "--json"], tmp_path)
    assert pix.returncode == 0, pix.stderr
    data = json.loads(pix.stdout)
    assert (data["action"], data["ok"], data["code"]) == ("pix", True, "")
    assert check_br_code(data["copia_e_cola"]) is not None and data["message"]
    pdf = tmp_path / "boleto.pdf"
    boleto = run(["action", "boleto", invoice["id"], "--config", str(cfg), "--output", str(pdf),
                  "--json"], tmp_path)
    assert boleto.returncode == 0, boleto.stderr
    data = json.loads(boleto.stdout)
    assert data["path"] == str(pdf) and data["linha_digitavel"]
    assert pdf.read_bytes().startswith(b"%PDF")
    no_output = run(["action", "boleto", invoice["id"], "--config", str(cfg)], tmp_path)
    assert no_output.returncode == 2 and "--output" in no_output.stderr


def test_unlock_exit_codes(sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = config(tmp_path, sim.url)
    done = run(["action", "unlock", _contract(sim, "102"), "--config", str(cfg), "--json"],
               tmp_path)
    assert done.returncode == 0 and json.loads(done.stdout)["ok"] is True
    refused = run(["action", "unlock", _contract(sim, "103"), "--config", str(cfg), "--json"],
                  tmp_path)
    assert refused.returncode == 5
    data = json.loads(refused.stdout)
    assert (data["ok"], data["code"]) == (False, "113") and "já usou" in data["message"]
    text = run(["action", "unlock", _contract(sim, "102"), "--config", str(cfg)], tmp_path)
    assert text.returncode == 5 and "RECUSADO" in text.stdout and "[107]" in text.stdout


def test_sessions_onu_disconnect(sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = config(tmp_path, sim.url)
    login = _login(sim, "105")
    sessions = run(["action", "sessions", login, "--config", str(cfg), "--json"], tmp_path)
    assert sessions.returncode == 0
    rows = json.loads(sessions.stdout)["sessions"]
    assert len(rows) == 4 and set(rows[0]) == {"start", "end", "terminate_cause", "ip",
                                               "duration_s"}
    onu = json.loads(run(["action", "onu", login, "--config", str(cfg), "--json"],
                         tmp_path).stdout)
    assert (onu["rx_dbm"], onu["tx_dbm"], onu["verdict"]) == (-29.87, 1.12, "bad")
    offline = run(["action", "disconnect", login, "--config", str(cfg), "--json"], tmp_path)
    assert offline.returncode == 5 and "não está conectado" in json.loads(offline.stdout)[
        "message"]


def test_switched_off_bad_args_and_unreachable(sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = config(tmp_path, sim.url)
    with cfg.open("a", encoding="utf-8") as f:
        f.write("\n[actions]\ntrust_unlock = false\n")
    off = run(["action", "unlock", _contract(sim, "102"), "--config", str(cfg), "--json"],
              tmp_path)
    assert off.returncode == 2 and "desligada" in off.stderr
    assert json.loads(off.stdout)["ok"] is False
    assert not [r for r in sim.requests if r.table == "desbloqueio_confianca"]
    release = run(["action", "temporary-release", _contract(sim, "102"), "--config", str(cfg)],
                  tmp_path)
    assert release.returncode == 2   # off unless the ISP enables it
    assert run(["action", "unlock", "abc", "--config", str(cfg)], tmp_path).returncode == 2
    assert run(["action", "reboot", "1", "--config", str(cfg)], tmp_path).returncode == 2
    dead = config(tmp_path, "http://127.0.0.1:9")
    gone = run(["action", "pix", "3001", "--config", str(dead), "--json"], tmp_path)
    assert gone.returncode == 4 and "conectar" in json.loads(gone.stdout)["message"]
    wrong = config(tmp_path, sim.url, token="1:errado")
    assert run(["action", "onu", "701", "--config", str(wrong)], tmp_path).returncode == 4
