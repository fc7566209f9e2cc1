"""Action resources over sockets: the trust unlock, in IXC's object and list envelopes."""

from __future__ import annotations

import pytest

from desktop.demo.simulators.ixc import SimulatorHandle
from desktop.ixc.actions import action_result, trust_unlock
from desktop.ixc.client import IxcClient
from desktop.ixc.errors import IxcBadResponseError


def _blocked_contract(sim: SimulatorHandle) -> dict[str, str]:
    return next(r for r in sim.tables["cliente_contrato"] if r["id_cliente"] == "102")


@pytest.mark.parametrize("as_list", [False, True], ids=["object", "list"])
async def test_trust_unlock_in_both_envelopes(client: IxcClient, sim: SimulatorHandle,
                                              as_list: bool) -> None:
    sim.set_faults(action_as_list=as_list)
    contract = _blocked_contract(sim)
    contract["dt_ult_desb_conf"] = ""
    first = await trust_unlock(client, int(contract["id"]))
    assert first.ok and "sucesso" in first.message
    assert contract["desbloqueio_confianca_ativo"] == "S"
    again = await trust_unlock(client, int(contract["id"]))
    assert not again.ok and again.code == "107" and "já está ativo" in again.message
    missing = await trust_unlock(client, 99999)
    assert (missing.ok, missing.code) == (False, "106")
    posted = [r for r in sim.requests if r.table == "desbloqueio_confianca"]
    assert len(posted) == 3 and not any(r.listing for r in posted)


def test_action_result_shapes() -> None:
    ok = action_result("x", [{"tipo": "sucesso", "mensagem": "Feito<br />com sucesso"}])
    assert ok.ok and ok.message == "Feito com sucesso"
    err = action_result("x", {"type": "error", "message": "Sem permissão"})
    assert not err.ok and err.message == "Sem permissão"
    for bad in ([], [{"tipo": "sucesso"}, {"tipo": "erro"}], "texto", {"id": "1"}):
        with pytest.raises(IxcBadResponseError):
            action_result("x", bad)
