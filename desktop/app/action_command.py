"""``ramal action KIND ID --config F [--json] [--output FILE.pdf]``: the card's actions from the
command line, for the ISP's IT person and scripts.

Exit codes: 0 IXC did it, 5 IXC refused (the code and message say why), 4 IXC unreachable or
token refused (or it timed out and its state does not show the action done), 2 bad configuration
or arguments, including an action switched off in ``[actions]``. Nothing is retried: after a
timeout the state is read, never a second request sent.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date
from pathlib import Path

from desktop.app.console_output import encodes, write_out
from desktop.app.exit_codes import EXIT_BAD_CONFIG, EXIT_IXC_REFUSED, EXIT_IXC_UNAVAILABLE, EXIT_OK
from desktop.i18n import tr
from desktop.ixc.card_actions import ActionKind, ActionOutcome, perform, state_after_timeout
from desktop.ixc.client import IxcClient
from desktop.ixc.diagnostics import SignalThresholds
from desktop.ixc.errors import IxcError, IxcTimeoutError
from desktop.settings.model import (
    ActionsSettings,
    ConfigError,
    load_settings,
    require_ixc,
    resolve_secrets,
)

_CONTEXT = "action_command"
CLI_ACTIONS = (ActionKind.PIX, ActionKind.UNLOCK, ActionKind.TEMPORARY_RELEASE, ActionKind.BOLETO,
               ActionKind.SESSIONS, ActionKind.ONU, ActionKind.DISCONNECT, ActionKind.CLEAR_MAC)


def thresholds(settings: ActionsSettings) -> SignalThresholds:
    return SignalThresholds(settings.onu_rx_min_dbm, settings.onu_rx_max_dbm,
                            settings.onu_tx_min_dbm, settings.onu_tx_max_dbm)


async def _run(client: IxcClient, kind: ActionKind, target: int,
               limits: SignalThresholds, today: date) -> ActionOutcome:
    try:
        try:
            return await perform(client, kind, target, thresholds=limits)
        except IxcTimeoutError:
            checked = await state_after_timeout(client, kind, target, today)
            if checked is None:
                raise
            return checked
    finally:
        await client.aclose()


def render_text(outcome: ActionOutcome) -> str:
    lines = [("OK: " if outcome.ok else tr(_CONTEXT, "RECUSADO: ")) + outcome.message
             + (f" [{outcome.code}]" if outcome.code else "")]
    data = outcome.data
    if data.get("copia_e_cola"):
        lines.append(str(data["copia_e_cola"]))
    if data.get("linha_digitavel"):
        lines.append(tr(_CONTEXT, "Linha digitável: {line}").format(line=data["linha_digitavel"]))
    if data.get("path"):
        lines.append(tr(_CONTEXT, "PDF salvo em {path}").format(path=data["path"]))
    for s in data.get("sessions", []):
        lines.append(f"  {s['start']} → {s['end'] or tr(_CONTEXT, 'conectado')}  "
                     f"{s['terminate_cause'] or '-'}  {s['ip'] or '-'}  {s['duration_s']} s")
    return "\n".join(lines)


def _fail(message: str, as_json: bool, kind: str, code: int) -> int:
    if as_json:
        write_out(json.dumps({"action": kind, "ok": False, "code": "", "message": message},
                             ensure_ascii=False))
    print(message, file=sys.stderr)
    return code


def run_action(config_path: Path | None, kind_name: str, target: str, *, as_json: bool = False,
               output: Path | None = None, today: date | None = None) -> int:
    try:
        kind = ActionKind(kind_name)
    except ValueError:
        return _fail(tr(_CONTEXT, "Ação desconhecida: {kind}.").format(kind=kind_name), as_json,
                     kind_name, EXIT_BAD_CONFIG)
    if not target.isdigit() or int(target) <= 0:
        return _fail(tr(_CONTEXT, "O id deve ser um número inteiro positivo (recebido: "
                                  "{target}).").format(target=target[:40]), as_json,
                     kind.value, EXIT_BAD_CONFIG)
    if kind is ActionKind.BOLETO and output is None:
        return _fail(tr(_CONTEXT, "Informe onde salvar o PDF: --output ARQUIVO.pdf"), as_json,
                     kind.value, EXIT_BAD_CONFIG)
    try:
        settings = resolve_secrets(load_settings(config_path))
        require_ixc(settings)
        if not settings.actions.enabled(kind.setting):
            return _fail(tr(_CONTEXT, "A ação \"{action}\" está desligada nesta instalação "
                                      "([actions] {key} = false).").format(
                action=kind.label, key=kind.setting), as_json, kind.value, EXIT_BAD_CONFIG)
        client = IxcClient.from_settings(settings.ixc)
    except (ConfigError, IxcError) as exc:
        return _fail(exc.message, as_json, kind.value, EXIT_BAD_CONFIG)
    try:
        outcome = asyncio.run(_run(client, kind, int(target), thresholds(settings.actions),
                                   today or date.today()))
    except IxcError as exc:
        return _fail(exc.message, as_json, kind.value, EXIT_IXC_UNAVAILABLE)
    if outcome.pdf and output is not None:
        try:
            output.write_bytes(outcome.pdf)
        except OSError as exc:
            return _fail(tr(_CONTEXT, "Não foi possível salvar o PDF em {path}: {error}").format(
                path=output, error=exc.strerror or exc), as_json, kind.value, EXIT_BAD_CONFIG)
        outcome = ActionOutcome(outcome.action, outcome.ok, outcome.message, outcome.code,
                                {**outcome.data, "path": str(output)})
    if as_json:
        text = json.dumps(outcome.to_json(), ensure_ascii=False)
        if not encodes(sys.stdout, text):
            text = json.dumps(outcome.to_json(), ensure_ascii=True)
    else:
        text = render_text(outcome)
    write_out(text)
    return EXIT_OK if outcome.ok else EXIT_IXC_REFUSED
