"""Command line: the GUI (default), the demo, and the headless commands.

Each command lives in its own module and is imported only when chosen, so ``ramal lookup`` does
not load Qt and ``ramal simulate-ixc`` does not load pjsua2.

Exit codes shared by the commands: 0 ok, 2 bad configuration (or no graphical session for the
desk), 3 registration refused, 4 IXC unreachable or token refused, 5 IXC refused an action.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop import APP_NAME, __version__
from desktop.app.exit_codes import (
    EXIT_BAD_CONFIG,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ramal",
        description=f"{APP_NAME}: ramal 3CX com a ficha do cliente IXC na tela.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--config", type=Path, default=None,
                        help="arquivo TOML (padrão: pasta de configuração do sistema)")
    parser.add_argument("--self-test", action="store_true",
                        help="verifica a instalação (SIP, Qt, multimídia, SQLite, traduções) e sai")
    sub = parser.add_subparsers(dest="command")

    parser.add_argument("--minimized", action="store_true",
                        help="inicia na bandeja, sem abrir a janela (início com o sistema)")
    gui = sub.add_parser("gui", help="abre o Ramal (padrão)")
    gui.add_argument("--config", type=Path, default=argparse.SUPPRESS)
    gui.add_argument("--minimized", action="store_true", default=argparse.SUPPRESS,
                     help="inicia na bandeja, sem abrir a janela (início com o sistema)")

    agent = sub.add_parser("agent", help="roda sem janela e imprime um evento JSON por linha")
    agent.add_argument("--config", type=Path, default=argparse.SUPPRESS)
    agent.add_argument("--auto-answer", type=float, default=None, metavar="SECONDS",
                       help="atende sozinho depois de SECONDS segundos tocando")

    lookup = sub.add_parser("lookup", help="busca um número no IXC e mostra a ficha")
    lookup.add_argument("number")
    lookup.add_argument("--config", type=Path, default=argparse.SUPPRESS)
    lookup.add_argument("--json", action="store_true", help="saída em JSON")

    action = sub.add_parser("action", help="ações do card no IXC: pix, unlock, boleto, "
                                           "sessions, onu, disconnect...")
    action.add_argument("kind", metavar="ACTION",
                        help="pix | unlock | temporary-release | boleto | sessions | onu | "
                             "disconnect | clear-mac")
    action.add_argument("target", metavar="ID", help="id da fatura, do contrato ou do login")
    action.add_argument("--config", type=Path, default=argparse.SUPPRESS)
    action.add_argument("--json", action="store_true", help="saída em JSON")
    action.add_argument("--output", type=Path, default=None, help="onde salvar o PDF (boleto)")

    sim = sub.add_parser("simulate-ixc", help="servidor HTTP que imita o webservice do IXC")
    sim.add_argument("--port", type=int, default=0)
    sim.add_argument("--host", default="127.0.0.1")
    sim.add_argument("--latency-ms", type=float, default=0.0)
    sim.add_argument("--data", type=Path, default=None)
    sim.add_argument("--token", default=None, help='token aceito ("id:hash"; padrão: o do demo)')

    demo = sub.add_parser("demo", help="o Ramal completo com PBX e IXC embutidos (sem servidores)")
    demo.add_argument("--call-every", type=float, default=0.0, metavar="SECONDS",
                      help="o chamador de demonstração liga a cada SECONDS segundos")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from desktop.phone.dial_links import is_dial_link

    argv = list(sys.argv[1:] if argv is None else argv)
    # a tel:/sip:/callto: click starts "ramal tel:..." (.desktop %u, the Windows protocol
    # handler): not a subcommand; the GUI reads the link from sys.argv (desktop.phone.dial_links)
    args = build_parser().parse_args([a for a in argv if not is_dial_link(a)])
    command = args.command or "gui"
    if args.self_test:
        from desktop.app.selftest import run_self_test

        return run_self_test()
    if command == "agent":
        from desktop.app.agent import run_agent

        return run_agent(args.config, auto_answer_s=args.auto_answer)
    if command == "lookup":
        from desktop.app.lookup_command import run_lookup

        return run_lookup(args.config, args.number, as_json=args.json)
    if command == "action":
        from desktop.app.action_command import run_action

        return run_action(args.config, args.kind, args.target, as_json=args.json,
                          output=args.output)
    if command == "simulate-ixc":
        from desktop.demo.simulators.ixc import run_simulator

        return run_simulator(host=args.host, port=args.port, latency_ms=args.latency_ms,
                             data=args.data, token=args.token)
    if command in ("gui", "demo"):
        from desktop.app.display_check import missing_display

        if problem := missing_display(os.environ):
            print(problem, file=sys.stderr)
            return EXIT_BAD_CONFIG
    if command == "demo":
        from desktop.demo.desk_demo import run_demo

        return run_demo(call_every_s=args.call_every)
    from desktop.app.startup import run_gui

    return run_gui(args.config, minimized=args.minimized)


if __name__ == "__main__":
    sys.exit(main())
