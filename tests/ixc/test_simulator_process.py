"""``main.py simulate-ixc --data FILE`` as a real process: a tenant from a JSON file, then
inserts, updates (PUT) and deletes (DELETE) over HTTP, as IXC's clients send them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "7:" + "ab" * 32
LISTAR = {"ixcsoft": "listar"}
TENANT = {
    "cliente": [
        {"id": 1, "razao": "Ana Dados", "ativo": "S", "telefone_celular": "(47) 99123-0001",
         "cidade": 9},
        {"id": 2, "razao": "Bruno Dados", "ativo": "N", "fone": "47 3333 0002"},
    ],
    "cidade": [{"id": 9, "nome": "Blumenau", "uf": "SC"}],
    "tabela_que_nao_existe": [{"id": 1}],
}


@pytest.fixture
def tenant_sim(tmp_path: Path) -> Iterator[str]:
    data = tmp_path / "tenant.json"
    data.write_text(json.dumps(TENANT), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "simulate-ixc", "--port", "0", "--data",
         str(data), "--token", TOKEN],
        cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert " em http://127.0.0.1:" in first, first
        yield first.split(" em ", 1)[1].split(" ", 1)[0]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_data_file_tenant_and_writes(tenant_sim: str) -> None:
    user, _, secret = TOKEN.partition(":")
    with httpx.Client(base_url=f"{tenant_sim}/webservice/v1", auth=(user, secret)) as http:
        rows = http.post("/cliente", json={"qtype": "cliente.id", "query": "0", "oper": ">"},
                         headers=LISTAR).json()
        assert rows["total"] == "2"
        ana = rows["registros"][0]
        assert (ana["id"], ana["razao"], ana["cidade"]) == ("1", "Ana Dados", "9")
        assert all(isinstance(v, str) for v in ana.values())      # numbers became strings
        assert "senha" in ana                                       # missing columns filled
        city = http.post("/cidade", json={}, headers=LISTAR).json()["registros"]
        assert [c["nome"] for c in city] == ["Blumenau"]
        unknown = http.post("/tabela_que_nao_existe", json={}, headers=LISTAR).json()
        assert unknown["type"] == "error" and "não está disponível" in unknown["message"]
        # the demo token is not this tenant's
        assert httpx.post(f"{tenant_sim}/webservice/v1/cliente", json={}, headers=LISTAR,
                          auth=("12", "x")).status_code == 401

        put = http.put("/cliente/2", json={"razao": "Bruno Atualizado", "ativo": "S"}).json()
        assert put == {"type": "success", "message": "Registro atualizado com sucesso!",
                       "id": "2"}
        bruno = http.post("/cliente", json={"qtype": "cliente.id", "query": "2"},
                          headers=LISTAR).json()["registros"][0]
        # a PUT is the whole new row (reference §4): the phone it left out is blanked
        assert (bruno["razao"], bruno["ativo"], bruno["fone"]) == (
            "Bruno Atualizado", "S", "")
        assert http.put("/cliente/99", json={"razao": "x"}).json()["type"] == "error"

        deleted = http.delete("/cliente/1").json()
        assert deleted["type"] == "success"
        assert http.delete("/cliente/1").json() == {"type": "error",
                                                     "message": "Registro não encontrado!"}
        left = http.post("/cliente", json={"qtype": "cliente.id", "query": "0", "oper": ">"},
                         headers=LISTAR).json()
        assert [r["id"] for r in left["registros"]] == ["2"]
