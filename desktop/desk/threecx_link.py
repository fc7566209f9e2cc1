"""The desk's XAPI connection: built only when ``[threecx]`` has a URL, a client ID and a secret
(a supervisor's: an agent's desk runs without it), probed once at start, and explained in
Portuguese when the XAPI features stay off (no Enterprise licence, refused key, PBX away)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desktop.i18n import tr
from desktop.settings.model import Settings
from desktop.threecx.client import XapiClient
from desktop.threecx.errors import XapiError
from desktop.threecx.queue_login import uses_xapi

log = logging.getLogger(__name__)

_CONTEXT = "threecx"


class ThreecxLink(QObject):
    status = Signal(str)              # pt-BR: what the XAPI features are doing, or why not

    def __init__(self, settings: Callable[[], Settings], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._client: XapiClient | None = None
        self.available = False
        self.message = tr(_CONTEXT, "Recursos do 3CX via API desligados: [threecx] url, "
                                    "client_id e a chave de API não configurados.")

    def client(self) -> XapiClient | None:
        settings = self._settings().threecx
        if not uses_xapi(settings):
            return None
        if self._client is None:
            self._client = XapiClient(settings)
        return self._client

    async def probe(self) -> bool:
        client = self.client()
        if client is None:
            self.status.emit(self.message)
            return False
        try:
            licence = await client.licence()
        except XapiError as exc:
            self.available = False
            self.message = tr(_CONTEXT, "Recursos do 3CX via API desligados: {why}").format(
                why=str(exc))
        else:
            self.available = licence.enterprise
            self.message = (
                tr(_CONTEXT, "3CX {version} Enterprise: filas, gravações e relatórios via API "
                             "ligados.").format(version=licence.version or "")
                if licence.enterprise else
                tr(_CONTEXT, "Recursos do 3CX via API desligados: a licença do 3CX não é "
                             "Enterprise (a XAPI exige Enterprise). Entrar e sair das filas "
                             "pelos códigos de discagem continua funcionando."))
        log.info("3CX XAPI probe: available=%s", self.available)
        self.status.emit(self.message)
        return self.available

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
