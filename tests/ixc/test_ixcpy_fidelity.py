"""Fidelity: a third-party IXC client from PyPI (ixcpy) talks to the simulator unchanged."""

from __future__ import annotations

from urllib.parse import urlsplit

from ixcpy import Connection, Query

from desktop.demo.simulators.ixc import DEMO_TOKEN, SimulatorHandle


def connect(sim: SimulatorHandle, table: str) -> Connection:
    return Connection(server=urlsplit(sim.url).netloc, token=DEMO_TOKEN, table=table, ssl=False)


def test_ixcpy_lists_filters_and_reads_one(sim: SimulatorHandle) -> None:
    clientes = connect(sim, "cliente")
    clientes.where(Query(arg='id > "107"'))
    clientes.where(Query(arg='id < "111"'))
    page = clientes.many(rows=10, sort_name="razao", sort_order="desc")
    assert page.total() == 3
    assert [r["razao"] for r in page.records()] == [
        "Jorge Martins Rocha", "Helena Martins Rocha", "Beatriz Martins Rocha"]

    invoices = connect(sim, "fn_areceber")
    invoices.where(Query(arg='id_cliente = "102"'))
    invoices.where(Query(arg='status = "A"'))
    assert invoices.many().total() == 3

    one = connect(sim, "cliente").one(104)
    assert one is not None and one["razao"] == "Luzia Helena Gonçalves"
    assert connect(sim, "cliente").one(99999) is None


def test_ixcpy_sees_an_unknown_column_as_no_result(sim: SimulatorHandle) -> None:
    broken = connect(sim, "cliente")
    broken.where(Query(arg='telefone_residencial = "1"'))   # IXC's red box, which ixcpy skips
    assert broken.many().total() == 0
    assert sim.requests[-1].table == "cliente"
