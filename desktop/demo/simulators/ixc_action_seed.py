"""Seed rows for the card's actions (issue 13): RADIUS sessions, ONU signals, and the columns
the action resources read and change.

Kept apart from :mod:`ixc_seed` so the lookup scenarios stay readable; :func:`add_action_rows`
runs on the finished tables. Scenarios: 102 is blocked and may get a trust unlock; 103 already
used its unlock and has not paid (IXC refuses with 113); 105's login is offline with a bad ONU
signal; everyone else's ONU reads well.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

Rows = list[dict[str, str]]

# tables the actions read, and columns added to the lookup tables' (see ixc_seed.COLUMNS)
ACTION_TABLES: dict[str, tuple[str, ...]] = {
    "radacct": tuple((
        "radacctid username acctstarttime acctstoptime acctsessiontime acctterminatecause "
        "framedipaddress callingstationid nasipaddress"
    ).split()),
    "radpop_radio_cliente_fibra": tuple(
        "id id_login id_contrato mac sinal_rx sinal_tx status_potencia".split()),
}
EXTRA_COLUMNS: dict[str, tuple[str, ...]] = {
    "cliente_contrato": ("dt_ult_liberacao_temporaria",),
    "fn_areceber": ("id_carteira_cobranca",),
    "su_oss_chamado": ("id_contrato_kit", "origem_endereco"),
}

BAD_SIGNAL_CUSTOMER = 105
UNLOCK_USED_CUSTOMER = 103
NO_PIX_WALLET = "9"      # a billing wallet without PIX: get_pix answers nothing


def _stamp(day: date, hour: int, minute: int = 0) -> str:
    return datetime.combine(day, time(hour, minute)).strftime("%Y-%m-%d %H:%M:%S")


def _sessions(login: dict[str, str], today: date, start_id: int) -> Rows:
    """Four sessions, newest first by id; the newest still open when the login is online."""
    online = login.get("online") == "S"
    rows: Rows = []
    causes = ("Lost-Carrier", "User-Request", "NAS-Request", "Port-Error")
    cid = int(login["id_cliente"])
    for n in range(4):
        day = today - timedelta(days=3 * (4 - n))
        start = _stamp(day, 7 + n, 10 + n)
        ends_open = online and n == 3
        stop_day = day + timedelta(days=2)
        rows.append({
            "radacctid": str(start_id + n), "username": login["login"], "acctstarttime": start,
            "acctstoptime": "" if ends_open else _stamp(stop_day, 21, 5 + n),
            "acctsessiontime": str(0 if ends_open else (2 * 86400 + (14 - n) * 3600)),
            "acctterminatecause": "" if ends_open else causes[(cid + n) % len(causes)],
            "framedipaddress": f"100.64.{cid % 250}.{(int(login['id']) + n) % 250}",
            "callingstationid": login.get("mac", ""), "nasipaddress": "10.0.0.1",
        })
    return rows


def add_action_rows(tables: dict[str, Rows], today: date) -> None:
    """Sessions and ONU rows for every login, and the unlock-already-used contract."""
    for name in ACTION_TABLES:
        tables.setdefault(name, [])
    for name, extra in EXTRA_COLUMNS.items():
        for row in tables.get(name, []):
            for column in extra:
                row.setdefault(column, "")
    for row in tables.get("fn_areceber", []):
        row["id_carteira_cobranca"] = row["id_carteira_cobranca"] or "1"
    next_id = 50001
    for index, login in enumerate(tables.get("radusuarios", [])):
        if login.get("online") != "SS":
            sessions = _sessions(login, today, next_id)
            next_id += len(sessions)
            tables["radacct"].extend(sessions)
        bad = login.get("id_cliente") == str(BAD_SIGNAL_CUSTOMER)
        tables["radpop_radio_cliente_fibra"].append({
            "id": str(8000 + index), "id_login": login["id"],
            "id_contrato": login.get("id_contrato", ""), "mac": login.get("mac", ""),
            "sinal_rx": "-29.87" if bad else f"-{18 + index % 6}.{(index * 37) % 100:02d}",
            "sinal_tx": "1.12" if bad else f"2.{(index * 13) % 100:02d}",
            "status_potencia": "Ruim" if bad else "Bom",
        })
    for contract in tables.get("cliente_contrato", []):
        if contract.get("id_cliente") == str(UNLOCK_USED_CUSTOMER):
            contract["dt_ult_desb_conf"] = (today - timedelta(days=20)).isoformat()
            contract["dt_retorno_desb_conf"] = (today - timedelta(days=17)).isoformat()
