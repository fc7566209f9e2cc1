"""The client against the simulator: parsing at the edge and every error shape IXC sends."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from desktop.demo.simulators.ixc import DEMO_TOKEN, SimulatorHandle, start_simulator
from desktop.ixc import parse
from desktop.ixc.client import Filter, IxcClient
from desktop.ixc.errors import (
    IxcApiError,
    IxcAuthError,
    IxcBadResponseError,
    IxcHtmlError,
    IxcServerError,
    IxcTimeoutError,
    IxcTlsError,
    IxcUnreachableError,
    IxcWrongUrlError,
)
from desktop.ixc.models import AccessStatus, InvoiceStatus, OnlineStatus


async def test_list_with_grid_param_and_typed_parsing(client: IxcClient) -> None:
    page = await client.list("fn_areceber", qtype="fn_areceber.id_cliente", query="102",
                             filters=[Filter("fn_areceber.status", "=", "A")],
                             sortname="fn_areceber.data_vencimento", sortorder="asc")
    assert page.total == 3
    invoices = [parse.invoice(r) for r in page.rows]
    assert all(i.status is InvoiceStatus.OPEN for i in invoices)
    assert invoices[0].amount == Decimal("89.90")
    assert isinstance(invoices[0].due, dt.date)
    assert invoices[0].paid_on is None          # "0000-00-00"
    assert invoices[0].linha_digitavel


async def test_contract_and_connection_parsing(client: IxcClient) -> None:
    contract = parse.contract((await client.list(
        "cliente_contrato", qtype="cliente_contrato.id_cliente", query="103")).rows[0])
    assert contract.access_status is AccessStatus.BLOCKED_MANUAL and contract.is_blocked
    assert contract.access_status.label == "Bloqueio manual"
    assert contract.last_manual_block is not None and contract.cancelled is None
    conn = parse.connection((await client.list(
        "radusuarios", qtype="radusuarios.id_cliente", query="102")).rows[0])
    assert conn.online is OnlineStatus.OFFLINE and conn.disconnect_reason


async def test_senha_fields_never_leave_the_client(client: IxcClient, sim: SimulatorHandle
                                                   ) -> None:
    assert all("senha" in r for r in sim.tables["radusuarios"])
    for table in ("cliente", "radusuarios"):
        rows = await client.list_all(table, rp=10)
        assert rows and all(not k.startswith("senha") for r in rows for k in r)


async def test_list_all_pages_through_everything(client: IxcClient, sim: SimulatorHandle
                                                 ) -> None:
    rows = await client.list_all("cliente", rp=7)
    assert len(rows) == len(sim.tables["cliente"])
    assert len({r["id"] for r in rows}) == len(rows)


async def test_insert_returns_the_new_id_and_errors_are_typed(client: IxcClient) -> None:
    new_id = await client.insert("su_ticket", {"tipo": "C", "id_cliente": 101, "id_assunto": 1,
                                               "titulo": "Teste", "menssagem": "m"})
    assert new_id.isdigit()
    with pytest.raises(IxcApiError) as info:
        await client.insert("su_ticket", {"tipo": "C", "id_cliente": 101})
    assert "Preencha Assunto; Preencha Título" in info.value.message
    assert "<br" not in info.value.message


@pytest.mark.parametrize(
    ("faults", "error", "words"),
    [
        ({"html_error": True}, IxcHtmlError, "Ocorreu um erro ao processar"),
        ({"error_500": True}, IxcServerError, "HTTP 500"),
        ({"unauthorized": True}, IxcAuthError, "recusou o token"),
        ({"json_error": "Sem permissão para a tabela<br />cliente"}, IxcApiError,
         "Sem permissão para a tabela; cliente"),
    ],
)
async def test_error_shapes(client: IxcClient, sim: SimulatorHandle, faults: dict[str, object],
                            error: type[Exception], words: str) -> None:
    sim.set_faults(**faults)
    with pytest.raises(error) as info:
        await client.list("cliente", qtype="cliente.id", query="101")
    assert words in str(info.value)


async def test_unknown_column_and_resource(client: IxcClient) -> None:
    with pytest.raises(IxcHtmlError):
        await client.list("cliente", qtype="cliente.telefone_residencial", query="1")
    with pytest.raises(IxcApiError, match="Recurso nao_existe não está disponível"):
        await client.list("nao_existe")


async def test_php_notice_before_json_is_tolerated(client: IxcClient, sim: SimulatorHandle
                                                   ) -> None:
    sim.set_faults(php_notice=True)
    page = await client.list("cliente", qtype="cliente.id", query="101")
    assert page.rows[0]["razao"] == "Maria Aparecida da Silva"


async def test_wrong_url_lands_on_the_login_page(sim: SimulatorHandle) -> None:
    async with IxcClient(f"{sim.url}/adm.php", DEMO_TOKEN) as c:
        with pytest.raises(IxcWrongUrlError, match="sem /webservice/v1"):
            await c.list("cliente")


async def test_timeout(sim: SimulatorHandle) -> None:
    sim.set_faults(slow_ms=600)
    async with IxcClient(sim.url, DEMO_TOKEN, timeout_s=0.2) as c:
        # the per-read timeout and the overall deadline (both 0.2 s by default) race here
        with pytest.raises(IxcTimeoutError, match=r"não respondeu .*0\.2 s"):
            await c.list("cliente")


async def test_unreachable() -> None:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago: nobody listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    async with IxcClient(f"http://127.0.0.1:{port}", DEMO_TOKEN) as c:
        with pytest.raises(IxcUnreachableError) as info:
            await c.list("cliente")
    assert info.value.fatal


async def test_wrong_token_is_refused(sim: SimulatorHandle) -> None:
    async with IxcClient(sim.url, "12:" + "0" * 64) as c:
        with pytest.raises(IxcAuthError):
            await c.list("cliente")


async def test_token_never_reaches_a_log(sim: SimulatorHandle, caplog: pytest.LogCaptureFixture
                                         ) -> None:
    caplog.set_level(logging.DEBUG)
    async with IxcClient(sim.url, DEMO_TOKEN) as c:
        await c.list("cliente", qtype="cliente.id", query="101")
        sim.set_faults(unauthorized=True)
        with pytest.raises(IxcAuthError) as info:
            await c.list("cliente")
        assert DEMO_TOKEN.split(":")[1] not in repr(c)
    secret = DEMO_TOKEN.split(":")[1]
    assert caplog.records, "the client and httpx log at DEBUG, so there is something to check"
    assert all(secret not in r.getMessage() for r in caplog.records)
    assert secret not in info.value.message


# --- TLS, for real: a self-signed certificate generated here, the simulator over HTTPS --------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert, key


@pytest.fixture
def https_sim(self_signed: tuple[Path, Path]) -> Iterator[SimulatorHandle]:
    handle = start_simulator("127.0.0.1", 0, tls=self_signed)
    try:
        yield handle
    finally:
        handle.stop()


async def test_self_signed_certificate_is_refused_with_advice(https_sim: SimulatorHandle
                                                              ) -> None:
    assert https_sim.url.startswith("https://")
    async with IxcClient(https_sim.url, DEMO_TOKEN) as c:
        with pytest.raises(IxcTlsError) as info:
            await c.list("cliente")
    assert 'verify_tls = "/caminho/para/ca.pem"' in info.value.message
    assert "verify_tls = false" in info.value.message


async def test_ca_file_or_verify_false_accepts_it(https_sim: SimulatorHandle,
                                                  self_signed: tuple[Path, Path]) -> None:
    for verify in (str(self_signed[0]), False):
        async with IxcClient(https_sim.url, DEMO_TOKEN, verify_tls=verify) as c:
            page = await c.list("cliente", qtype="cliente.id", query="101")
        assert page.rows[0]["id"] == "101"


def test_missing_ca_file_is_a_tls_error(tmp_path: Path) -> None:
    with pytest.raises(IxcTlsError, match="não foi possível ler a CA"):
        IxcClient("https://127.0.0.1:1", DEMO_TOKEN, verify_tls=str(tmp_path / "nada.pem"))


def test_bad_response_error_message() -> None:
    assert "corpo vazio" in IxcBadResponseError("cliente", "corpo vazio").message


async def test_concurrency_is_bounded_per_tenant(sim: SimulatorHandle) -> None:
    import asyncio

    sim.set_faults(latency_ms=60)
    async with IxcClient(sim.url, DEMO_TOKEN, max_concurrency=2) as c:
        await asyncio.gather(*(c.list("cidade") for _ in range(6)))
        assert c.request_count == 6
    assert sim.max_in_flight == 2
