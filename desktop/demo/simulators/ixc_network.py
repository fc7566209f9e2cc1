"""The simulated ISP's access network: CTOs, concentradores, a radio base, and outages on them.

:func:`add_network` places every seeded login on a CTO (``id_caixa_ftth``) and a concentrador
(``id_concentrador``), a few on a radio transmissor, and adds the street behind CTO "14-B":
customer 300 (the demo's "massiva" caller) and eleven neighbours. Nothing is down at first.

:func:`stage_outage` drops a share of a scope's logins at a set time (a few seconds apart, as
RADIUS sees a fibre cut) and :func:`end_outage` brings them back; :func:`churn` takes a few
random logins offline at scattered times (routers switched off, the everyday "sem conexão"),
so the thresholds are exercised honestly. The simulator exposes them as ``POST /_sim/outage``
and ``POST /_sim/churn``.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from typing import Any

Rows = list[dict[str, str]]

STAMP = "%Y-%m-%d %H:%M:%S"
OUTAGE_CTO = "14"              # the demo's cut: CTO "14-B"
OUTAGE_CALLER = 300
_CTOS = (("11", "11-A Rua das Flores"), ("12", "12-A Av. Brasil"), ("13", "13-C Vila Nova"),
         (OUTAGE_CTO, "14-B"))
_TRANSMITTERS = (("1", "Torre Norte"),)
_SCOPE_COLUMNS = {"cto": "id_caixa_ftth", "concentrador": "id_concentrador",
                  "transmissor": "id_transmissor"}
_NEIGHBOURS = ("Adriana Souza Lopes", "Benedito Araújo", "Cristiane Moraes", "Davi Fontes",
               "Elaine Cardoso", "Fábio Tavares", "Gilmar Correia", "Hilda Batista Reis",
               "Ivone Pacheco", "Joaquim Peixoto", "Karina Lemos")


def add_network(b: Any) -> None:
    """Place the seed's logins and add the CTO 14-B street (``b`` is the seed's builder)."""
    for sid, name in _CTOS:
        b.add("rad_caixa_ftth", {"id": sid, "descricao": name, "capacidade": "16",
                                 "status": "A"})
    for tid, name in _TRANSMITTERS:
        b.add("radpop_radio", {"id": tid, "descricao": name})
    for n, row in enumerate(b.tables["radusuarios"]):
        if n % 7 == 6:        # a radio customer: no CTO, its own concentrador
            row.update(id_transmissor="1", id_caixa_ftth="0", id_concentrador="2",
                       concentrador="BNG-02")
        else:
            row.update(id_caixa_ftth=_CTOS[n % 3][0], ftth_porta=str(n % 16 + 1),
                       id_transmissor="0", id_concentrador="1", concentrador="BNG-01")
    street = [(OUTAGE_CALLER, "Rosângela Duarte Vieira", "telefone_celular", "(11) 94545-1414")]
    street += [(301 + i, name, "fone", f"(11) 3555-03{i:02d}")
               for i, name in enumerate(_NEIGHBOURS)]
    for port, (cid, name, column, phone) in enumerate(street, start=1):
        b.customer(cid, name, **{column: phone})
        b.healthy(cid)
        b.tables["radusuarios"][-1].update(
            id_caixa_ftth=OUTAGE_CTO, ftth_porta=str(port), id_transmissor="0",
            id_concentrador="1", concentrador="BNG-01")


def scope_logins(tables: dict[str, Rows], scope: str, scope_id: str) -> Rows:
    column = _SCOPE_COLUMNS[scope]
    return sorted((r for r in tables["radusuarios"]
                   if r.get(column) == scope_id and r.get("ativo") == "S"),
                  key=lambda r: int(r["id"]))


def stage_outage(tables: dict[str, Rows], scope: str, scope_id: str, down_at: datetime,
                 share: float = 0.75) -> list[str]:
    """Drop ``share`` of the scope's online logins from ``down_at``; returns their ids."""
    online = [r for r in scope_logins(tables, scope, scope_id) if r.get("online") == "S"]
    dropped = online[:math.ceil(len(online) * max(0.0, min(share, 1.0)))]
    for i, row in enumerate(dropped):
        row.update(online="N", ip="", tempo_conectado="", motivo_desconexao="Lost-Carrier",
                   ultima_conexao_final=(down_at + timedelta(seconds=7 * i)).strftime(STAMP),
                   count_desconexao=str(int(row.get("count_desconexao") or 0) + 1))
    return [r["id"] for r in dropped]


def end_outage(tables: dict[str, Rows], login_ids: list[str], up_at: datetime) -> int:
    """The fibre is spliced: these logins reconnect at ``up_at``; returns how many."""
    wanted = set(login_ids)
    back = 0
    for row in tables["radusuarios"]:
        if row["id"] in wanted and row.get("online") == "N":
            row.update(online="S", ip=f"100.65.{int(row['id']) % 250}.{back % 250 + 1}",
                       ultima_conexao_inicial=up_at.strftime(STAMP), motivo_desconexao="",
                       tempo_conectado="0:00:05")
            back += 1
    return back


def churn(tables: dict[str, Rows], count: int, now: datetime, seed: int = 11) -> list[str]:
    """Take ``count`` random online logins offline at scattered times in the last three days."""
    rng = random.Random(seed)
    online = [r for r in tables["radusuarios"] if r.get("online") == "S"
              and r.get("ativo") == "S"]
    picked = rng.sample(online, min(count, len(online)))
    for row in picked:
        when = now - timedelta(minutes=rng.randrange(20, 72 * 60))
        row.update(online="N", ip="", tempo_conectado="", motivo_desconexao="User-Request",
                   ultima_conexao_final=when.strftime(STAMP))
    return [r["id"] for r in picked]
