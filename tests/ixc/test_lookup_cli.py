"""``main.py lookup`` as a real subprocess against the simulator."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from desktop.demo.simulators.ixc import DEMO_NUMBERS, DEMO_TOKEN, SimulatorHandle

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=60)


def config(tmp_path: Path, url: str, token: str = DEMO_TOKEN) -> Path:
    path = tmp_path / "ramal.toml"
    path.write_text(f'[ixc]\nurl = "{url}"\ntoken = "{token}"\nmax_concurrency = 8\n',
                    encoding="utf-8")
    return path


def test_json_lookup_family_in_rank_order(sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = config(tmp_path, sim.url)
    done = run(["lookup", "(11) 96666-5555", "--config", str(cfg), "--json"], tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"number", "matches", "more_matches", "more", "elapsed_ms"}
    assert data["number"] == "+5511966665555"
    assert [m["customer"]["id"] for m in data["matches"]] == ["108", "109", "110"]
    for match in data["matches"]:
        assert {"contracts", "service_orders", "invoices", "connections", "tickets",
                "errors"} <= set(match)
        assert match["errors"] == {}
        assert "senha" not in json.dumps(match)


def test_text_summary_and_no_match(sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = config(tmp_path, sim.url)
    done = run(["lookup", DEMO_NUMBERS["bloqueio_automatico"].number, "--config", str(cfg)],
               tmp_path)
    assert done.returncode == 0, done.stderr
    assert "José Carlos Pereira" in done.stdout and "Bloqueio automático" in done.stdout
    assert "total em atraso R$" in done.stdout
    none = run(["lookup", DEMO_NUMBERS["desconhecido"].number, "--config", str(cfg)], tmp_path)
    assert none.returncode == 0 and "Nenhum cliente encontrado" in none.stdout


def test_bad_config_exits_2(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text('[ixc]\nurl = "erp.provedor.com.br"\n', encoding="utf-8")
    done = run(["lookup", "11987654321", "--config", str(cfg)], tmp_path)
    assert done.returncode == 2
    assert "ixc.url" in done.stderr and "Traceback" not in done.stderr


def test_refused_token_and_unreachable_exit_4(sim: SimulatorHandle, tmp_path: Path) -> None:
    cfg = config(tmp_path, sim.url, token="12:" + "f" * 64)
    done = run(["lookup", "11987654321", "--config", str(cfg), "--json"], tmp_path)
    assert done.returncode == 4 and "recusou o token" in done.stderr
    assert "f" * 64 not in done.stderr and "Traceback" not in done.stderr
    with socket.socket() as s:  # a port free a moment ago: nobody listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = config(tmp_path, f"http://127.0.0.1:{port}")
    done = run(["lookup", "11987654321", "--config", str(cfg)], tmp_path)
    assert done.returncode == 4 and "Não foi possível conectar" in done.stderr


def test_json_lookup_carries_the_outage(sim: SimulatorHandle, tmp_path: Path) -> None:
    from datetime import datetime, timedelta

    cut = datetime.now().replace(microsecond=0) - timedelta(minutes=5)
    sim.stage_outage("cto", "14", cut)
    cfg = config(tmp_path, sim.url)
    outage = run(["lookup", DEMO_NUMBERS["massiva"].number, "--config", str(cfg), "--json"],
                 tmp_path)
    assert outage.returncode == 0, outage.stderr
    assert json.loads(outage.stdout)["matches"][0]["outage"] == {
        "scope": "cto", "id": "14", "name": "14-B", "offline": 9, "logins": 12,
        "since": cut.strftime("%Y-%m-%d %H:%M:%S")}
    text = run(["lookup", DEMO_NUMBERS["massiva"].number, "--config", str(cfg)], tmp_path)
    assert "Possível massiva — CTO 14-B: 9 de 12 logins caíram" in text.stdout
    other = run(["lookup", DEMO_NUMBERS["os_aberta"].number, "--config", str(cfg), "--json"],
                tmp_path)
    assert json.loads(other.stdout)["matches"][0]["outage"] is None
