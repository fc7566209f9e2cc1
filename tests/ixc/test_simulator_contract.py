"""The simulator honours the webservice contract, checked with raw HTTP over sockets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desktop.demo.simulators.ixc import DEMO_TOKEN, HTML_ERROR, SimulatorHandle

LISTAR = {"ixcsoft": "listar"}


@pytest.fixture
def http(sim: SimulatorHandle) -> Iterator[httpx.Client]:
    user, _, secret = DEMO_TOKEN.partition(":")
    with httpx.Client(base_url=f"{sim.url}/webservice/v1", auth=(user, secret)) as c:
        yield c


def listing(http: httpx.Client, table: str, **body: Any) -> dict[str, Any]:
    r = http.post(f"/{table}", json=body, headers=LISTAR)
    assert r.status_code == 200
    data: dict[str, Any] = r.json()
    return data


def test_every_value_is_a_string_and_total_counts_everything(http: httpx.Client) -> None:
    data = listing(http, "cliente", qtype="cliente.id", query="0", oper=">", rp="5", page="2")
    assert data["page"] == "2"
    assert isinstance(data["total"], str) and int(data["total"]) > 40
    assert len(data["registros"]) == 5
    for row in data["registros"]:
        assert all(isinstance(v, str) for v in row.values())
        assert "senha" in row  # IXC leaks it; the client must drop it


@pytest.mark.parametrize(
    ("oper", "query", "expected"),
    [("=", "102", {"102"}), ("<", "103", {"101", "102"}), ("<=", "102", {"101", "102"}),
     (">", "118", {"119"}), (">=", "119", {"119"}), ("IN", "101,105", {"101", "105"}),
     ("BE", "104,106", {"104", "105", "106"})],
)
def test_operators(http: httpx.Client, oper: str, query: str, expected: set[str]) -> None:
    # grid_param keeps the result inside the scenario customers (ids 101-119)
    grid = json.dumps([{"TB": "cliente.id", "OP": "<", "P": "200"}])
    data = listing(http, "cliente", qtype="cliente.id", query=query, oper=oper, rp="100",
                   grid_param=grid)
    assert {r["id"] for r in data["registros"]} == expected
    assert data["total"] == str(len(expected))


def test_like_is_case_insensitive_substring_and_not_equal(http: httpx.Client) -> None:
    data = listing(http, "cliente", qtype="cliente.razao", query="martins rocha", oper="L")
    assert {r["id"] for r in data["registros"]} == {"108", "109", "110"}
    data = listing(http, "cliente", qtype="cliente.razao", query="%Padaria%", oper="L")
    assert [r["id"] for r in data["registros"]] == ["116"]
    grid = json.dumps([{"TB": "cliente.razao", "OP": "L", "P": "Martins Rocha"}])
    data = listing(http, "cliente", qtype="cliente.id", query="108", oper="!=", grid_param=grid)
    assert {r["id"] for r in data["registros"]} == {"109", "110"}


def test_sort_and_page(http: httpx.Client) -> None:
    body = {"qtype": "fn_areceber.id_cliente", "query": "101", "oper": "=",
            "sortname": "fn_areceber.data_vencimento", "sortorder": "desc", "rp": "3"}
    first = listing(http, "fn_areceber", **body, page="1")["registros"]
    second = listing(http, "fn_areceber", **body, page="2")["registros"]
    dues = [r["data_vencimento"] for r in first + second]
    assert dues == sorted(dues, reverse=True) and len(set(dues)) == 6


def test_form_encoded_and_get_with_body(http: httpx.Client) -> None:
    r = http.post("/cliente", data={"qtype": "cliente.id", "query": "101", "oper": "="},
                  headers=LISTAR)
    assert r.json()["registros"][0]["razao"] == "Maria Aparecida da Silva"
    r = http.request("GET", "/cliente", json={"qtype": "cliente.id", "query": "103",
                                               "oper": "="}, headers=LISTAR)
    assert r.json()["registros"][0]["id"] == "103"


def test_unknown_column_gives_the_red_html_box(http: httpx.Client) -> None:
    for body in ({"qtype": "cliente.telefone_residencial", "query": "1", "oper": "="},
                 {"qtype": "cliente", "grid_param": json.dumps([{"TB": "cliente.x", "OP": "=",
                                                                "P": "1"}])},
                 {"qtype": "cliente", "sortname": "cliente.nada"}):
        r = http.post("/cliente", json=body, headers=LISTAR)
        assert r.status_code == 200 and r.text == HTML_ERROR


def test_grid_param_must_be_a_json_string(http: httpx.Client) -> None:
    r = http.post("/cliente", json={"grid_param": [{"TB": "cliente.id", "OP": "=", "P": "1"}]},
                  headers=LISTAR)
    assert r.text == HTML_ERROR


def test_insert_ticket_then_list_it_back(http: httpx.Client) -> None:
    r = http.post("/su_ticket", json={"tipo": "C", "id_cliente": "101"})
    assert r.json()["type"] == "error"
    assert "Preencha Assunto" in r.json()["message"] and "<br />" in r.json()["message"]
    r = http.post("/su_ticket", json={"tipo": "C", "id_cliente": "101", "id_assunto": "1",
                                      "titulo": "Ligação", "menssagem": "Sem internet",
                                      "id_ticket_setor": "1"})
    body = r.json()
    assert body["type"] == "success" and body["message"] == "Registro inserido com sucesso!"
    rows = listing(http, "su_ticket", qtype="su_ticket.id", query=body["id"], oper="=")
    assert rows["registros"][0]["menssagem"] == "Sem internet"
    assert rows["registros"][0]["protocolo"]


def test_reference_lists(http: httpx.Client) -> None:
    assert listing(http, "su_oss_assunto", qtype="su_oss_assunto.ativo", query="S",
                   rp="1000")["total"] == "7"
    assert int(listing(http, "su_ticket_setor")["total"]) >= 2


def test_auth_routes_and_resources(sim: SimulatorHandle, http: httpx.Client) -> None:
    assert httpx.post(f"{sim.url}/webservice/v1/cliente", headers=LISTAR).status_code == 401
    bad = httpx.post(f"{sim.url}/webservice/v1/cliente", headers=LISTAR, auth=("12", "x"))
    assert bad.status_code == 401
    assert "<html" in httpx.get(f"{sim.url}/adm.php").text
    r = http.post("/nao_existe", json={}, headers=LISTAR)
    assert r.json() == {"type": "error", "message": "Recurso nao_existe não está disponível!"}


def test_faults_switch_at_run_time_over_http(sim: SimulatorHandle, http: httpx.Client) -> None:
    httpx.post(f"{sim.url}/_sim/faults", json={"php_notice": True, "tables": ["cidade"]})
    r = http.post("/cidade", json={}, headers=LISTAR)
    assert r.text.startswith("<br />\n<b>Notice</b>") and r.text.endswith("}")
    assert http.post("/cliente", json={}, headers=LISTAR).text.startswith("{")
    httpx.post(f"{sim.url}/_sim/faults", json={"error_500": True})
    assert http.post("/cliente", json={}, headers=LISTAR).status_code == 500
    sim.clear_faults()
    assert http.post("/cliente", json={}, headers=LISTAR).status_code == 200
