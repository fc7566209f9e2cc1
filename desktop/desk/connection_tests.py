""""Testar conexão" in the settings dialog: can this extension register, does IXC answer?

The PBX test runs ``ramal agent`` in a child process (pjsua2 allows one endpoint per process and
the app's own engine is running) with the settings being edited, waits for its first final
registration event and stops it. The IXC test asks for one customer row. Both answer with the
specific pt-BR message the agent or the IT person can act on.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import sys
import tempfile
from pathlib import Path

from desktop.i18n import tr
from desktop.settings.model import IxcSettings, Settings
from desktop.settings.toml_file import dump_toml

_CONTEXT = "connection_tests"
ROOT = Path(__file__).resolve().parents[2]


async def check_ixc(ixc: IxcSettings) -> tuple[bool, str]:
    from desktop.ixc.client import IxcClient
    from desktop.ixc.errors import IxcError

    if not ixc.url or not ixc.token:
        return False, tr(_CONTEXT, "Preencha o endereço e o token do IXC.")
    try:
        async with IxcClient.from_settings(ixc) as client:
            page = await client.list("cliente", rp=1)
    except IxcError as exc:
        return False, exc.message
    return True, tr(_CONTEXT, "IXC respondeu: {total} clientes cadastrados.").format(
        total=page.total)


def _sip_failure(code: int, reason: str, server: str) -> str:
    if code in (401, 403, 407):
        return tr(_CONTEXT, "O PBX recusou o ramal ou a senha ({code} {reason}). Confira ramal, "
                            "ID de autenticação e senha.").format(code=code, reason=reason)
    if code == 404:
        return tr(_CONTEXT, "O PBX não conhece este ramal ({code} {reason}).").format(
            code=code, reason=reason)
    if code in (408, 0) or code >= 700:
        return tr(_CONTEXT, "O PBX em {server} não respondeu. Confira endereço, porta, "
                            "transporte e firewall.").format(server=server)
    return tr(_CONTEXT, "O PBX respondeu {code} {reason}.").format(code=code, reason=reason)


async def check_sip(settings: Settings, timeout_s: float = 10.0) -> tuple[bool, str]:
    sip = dataclasses.replace(settings.sip, local_port=0)  # never the running app's port
    server = f"{sip.server}:{sip.port}"
    if not sip.server or not sip.extension:
        return False, tr(_CONTEXT, "Preencha o servidor e o ramal.")
    with tempfile.TemporaryDirectory(prefix="ramal-test-") as folder:
        path = Path(folder) / "probe.toml"
        # the password sits in a 0600 file inside a private folder for the probe's start-up only
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dump_toml({"sip": dataclasses.asdict(sip)}))
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(ROOT / "main.py"), "--config", str(path), "agent",
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, cwd=str(ROOT))
        try:
            return await asyncio.wait_for(_first_registration(proc, server), timeout_s)
        except TimeoutError:
            return False, _sip_failure(408, "", server)
        finally:
            if proc.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    proc.terminate()
                try:
                    await asyncio.wait_for(proc.wait(), 5)
                except TimeoutError:
                    proc.kill()
                    await proc.wait()


async def _first_registration(proc: asyncio.subprocess.Process, server: str
                              ) -> tuple[bool, str]:
    assert proc.stdout is not None and proc.stderr is not None
    while True:
        line = await proc.stdout.readline()
        if not line:
            err = (await proc.stderr.read()).decode("utf-8", "replace").strip()
            return False, err.splitlines()[-1] if err else tr(
                _CONTEXT, "O teste terminou sem resposta do PBX.")
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if event.get("event") != "registration":
            continue
        state = event.get("state")
        if state == "registered":
            return True, tr(_CONTEXT, "Ramal registrado no PBX ({code} {reason}).").format(
                code=event.get("code", 200), reason=event.get("reason", "OK"))
        if state == "failed":
            return False, _sip_failure(int(event.get("code") or 0), str(event.get("reason", "")),
                                       server)
