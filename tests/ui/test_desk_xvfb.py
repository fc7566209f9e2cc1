"""The whole desk on a real X display with a system tray: real SIP calls, the simulator's
records, the popup's buttons, logging a call in IXC and forwarding to Discord/OPA with a
transfer to a sector.

Screenshots go to a temporary folder; with ``RAMAL_SCREENSHOTS=docs/screenshots`` they go
there instead (to refresh the README's pictures; CI never writes tracked files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ui.virtual_display import virtual_display

ROOT = Path(__file__).resolve().parents[2]


def shots_folder(tmp_path: Path) -> Path:
    chosen = os.environ.get("RAMAL_SCREENSHOTS", "")
    return (ROOT / chosen if chosen and not Path(chosen).is_absolute()
            else Path(chosen) if chosen else tmp_path / "shots")

pytestmark = pytest.mark.gui


@pytest.fixture
def x_display() -> Iterator[str]:
    """Xvfb on a display number it picks itself, plus trayer as the system tray."""
    with virtual_display() as display:
        yield display


def run_harness(display: str, *args: str, timeout: float = 180) -> dict:  # type: ignore[type-arg]
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([sys.executable, str(ROOT / "tests/ui/desk_harness.py"), *args],
                          env=env, cwd=ROOT, capture_output=True, timeout=timeout)
    lines = [ln for ln in done.stdout.decode().splitlines() if ln.startswith("RESULT ")]
    assert lines, done.stderr.decode()[-3000:]
    result = json.loads(lines[-1][len("RESULT "):])
    assert "error" not in result, result
    # the harness exits through normal interpreter finalisation, as the app does: an abort
    # there (PySide6 6.12's leaked True/None refs, "bool_dealloc") or a hang would show here
    stderr = done.stderr.decode(errors="replace")
    assert "Fatal Python error" not in stderr, stderr[-3000:]
    assert done.returncode == 0, (done.returncode, stderr[-3000:])
    return result


def test_desk_end_to_end_with_screenshots(x_display: str, tmp_path: Path) -> None:
    shots = shots_folder(tmp_path)
    result = run_harness(x_display, "--calls",
                         "bloqueio_automatico,familia,desconhecido,anonymous,interno",
                         "--answer-first", "--attendance", "--shots", str(shots))
    assert result["tray_available"] is True
    assert result["tray_tooltip"] == "Ramal — Ramal registrado"
    calls = {c["key"]: c for c in result["calls"]}

    blocked = calls["bloqueio_automatico"]
    assert blocked["number"] == "(11) 98123-4567"
    assert blocked["customer"] and blocked["lookup"] == "Cliente encontrado no IXC"
    assert any(b.startswith("Bloqueado") for b in blocked["badges"])
    assert any(b.startswith("Financeiro em atraso") for b in blocked["badges"])
    assert blocked["answered"] and blocked["outcome"] == "completed"

    assert calls["familia"]["picks"] == [108, 109, 110]
    assert calls["familia"]["outcome"] == "rejected"
    assert calls["desconhecido"]["lookup"] == "Nenhum cliente com este número no IXC."
    # ... so the agent searched by name and chose the caller: the card is that customer's
    assert calls["desconhecido"]["searched"] == "Maria Aparecida da Silva"
    assert calls["desconhecido"]["searched_label"] == "Cliente escolhido na busca"
    assert calls["anonymous"]["lookup"] == "Número oculto: sem busca no IXC."
    assert calls["anonymous"]["number"] == "Número oculto"
    assert calls["interno"]["lookup"] == "Ramal interno: sem busca no IXC."
    # 5 calls above + 2 answered in the attendance flow
    assert result["history_rows"] == 7

    for call in result["calls"]:
        assert call["invite_at"] <= call["popup_exposed_at"]
        assert (shots / call["shot"]).stat().st_size > 10_000
    for name in ("attendance_dialog_filled.png", "attendance_dialog_sent.png",
                 "forward_dialog_filled.png", "forward_dialog_sent.png",
                 "forward_dialog_transfer.png", "popup_in_call.png", "main_window_outbox.png",
                 "main_window_history.png", "popup_busca_resultados.png",
                 "popup_busca_escolhido.png"):
        assert (shots / name).stat().st_size > 10_000, name

    flow = result["attendance"]
    # in the call: the popup's buttons are on; the agent opened the Financeiro tab
    assert flow["buttons_enabled_in_call"] and flow["sections_opened"] == ["invoices"]
    # hung up: the app opened the log dialog itself, pre-filled from the call and the card
    prefilled = flow["log_prefilled"]
    assert prefilled["customer"] == "José Carlos Pereira" and prefilled["contract"] == "502"
    assert prefilled["sector"] == "1"
    assert prefilled["sections"] == "Seções verificadas na ficha: financeiro."
    assert not prefilled["register_enabled_before"] and flow["log_problems"] == []
    # "Registrar" → the worker → a su_ticket in the IXC simulator, its protocol in the dialog
    [ticket] = flow["ixc_tickets"]
    assert ticket["protocolo"] and flow["protocol"] == ticket["protocolo"]
    assert flow["result_text"] == f"Registrado no IXC. Protocolo: {ticket['protocolo']}"
    assert flow["copy_value"] == ticket["protocolo"]
    assert (ticket["id_cliente"], ticket["id_assunto"], ticket["id_ticket_setor"],
            ticket["id_contrato"], ticket["id_login"]) == ("102", "1", "1", "502", "702")
    assert ticket["su_status"] == "S" and ticket["call_in_text"] and ticket["sections_in_text"]
    assert flow["ixc_ticket_posts"] == [{"finalizar_atendimento": "S"}]   # solved: closed
    assert flow["logged_in_history"] and not flow["history_log_enabled_for_logged"]
    # "Encaminhar" from the history row: Discord + OPA, no transfer (the call is over)
    assert not flow["forward_transfer_enabled_after_call"]
    assert flow["forward_kinds"] == ["discord", "opa_note", "opa_notify"]
    assert flow["discord"] == [{"title": "Suporte Técnico: José Carlos Pereira",
                                "pinged_everyone": False}]
    assert flow["opa_notifications"] >= 1 and flow["opa_observations"] >= 1
    assert "não permite transferir" in flow["forward_limitations"]
    # a live call forwarded with a transfer: the demo PBX answers 801 and the call completes
    assert flow["pbx_answered"][:1] == ["801"]
    assert flow["transfer_outcome"] == "completed"
    assert flow["transfer_notice"] == "Transferência para 801 concluída."
    assert "Transferindo a ligação para 801" in flow["live_result"]
    # the agent left the first answered call's log dialog open (--answer-first) and closed
    # the transferred call's: two calls still to log, counted in the tray
    assert flow["not_logged"] == 2
    assert result["tray_tooltip_end"].endswith(" · 2 atendimento(s) sem registro")
    assert flow["outbox_states"] == ["enviado"] and flow["outbox_rows"] == 7
