"""The desk's side of a mass outage: the banners, "Registrar como massiva", and the clearing.

Each ring popup's card shows the banner when its lookup found an outage
(:mod:`desktop.ixc.outage`); this controller also shows it on the main window while it lasts,
asking IXC again every minute (one cached scope check) and hiding it when the logins came back.
"Registrar como massiva" logs the call's attendance against the one outage record
(:meth:`AttendanceService.log_attendance` with the outage; the outbox does the IXC and NOC work).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.forward.attendance import AttendanceService, LogRequest
from desktop.i18n import tr
from desktop.ixc.errors import IxcError
from desktop.ixc.models import CustomerRecord
from desktop.ixc.outage import OutageDetector
from desktop.ixc.outage_model import Outage
from desktop.settings.model import Settings
from desktop.ui.main_window import MainWindow
from desktop.ui.outage_banner import OutageBanner
from desktop.ui.ring_popup import RingPopup

log = logging.getLogger(__name__)
_CONTEXT = "outage"
RECHECK_MS = 60_000


class OutageDesk(QObject):
    notice = Signal(str)
    registered = Signal(str, object)    # call id, the outbox item

    def __init__(self, window: MainWindow, settings: Callable[[], Settings],
                 ixc: Callable[[], object | None],
                 attendance: Callable[[], AttendanceService | None],
                 history_id: Callable[[str], int | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self._settings = settings
        self._ixc = ixc
        self._attendance = attendance
        self._history_id = history_id
        self.active: dict[str, Outage] = {}
        self.tasks: set[asyncio.Future[Any]] = set()
        self.timer = QTimer(self)
        self.timer.setInterval(RECHECK_MS)
        self.timer.timeout.connect(self.recheck)

    def wire_popup(self, call_id: str, popup: RingPopup) -> None:
        banner = popup.card.outage_banner
        banner.set_script(self._settings().outage.script)
        banner.outage_seen.connect(self.seen)
        banner.register_requested.connect(
            lambda outage: self.register(call_id, outage, popup.card.record, banner))

    def seen(self, outage: Outage) -> None:
        """An outage found on a call: on the main window too, until IXC says it is over."""
        self.active[outage.key] = outage
        self._show()
        if not self.timer.isActive():
            self.timer.start()

    def _show(self) -> None:
        # the widest, then the largest: one line on the main window
        shown = max(self.active.values(), default=None,
                    key=lambda o: (o.scope.width, o.offline))
        self.window.outage_banner.set_outage(shown)
        if shown is None:
            self.timer.stop()

    def recheck(self) -> None:
        self._spawn(self._recheck())

    async def _recheck(self) -> None:
        # the desk's Lookup port: the real IxcService carries the detector
        detector: OutageDetector | None = getattr(self._ixc(), "outage", None)
        if detector is None:
            return
        for key, outage in list(self.active.items()):
            try:
                still = await detector.recheck(outage)
            except IxcError as exc:   # unknown is not over: keep the banner until IXC answers
                log.info("outage %s not rechecked: %s", key, exc.message)
                continue
            if still is None:
                self.active.pop(key, None)
            else:
                self.active[key] = still
        self._show()

    def register(self, call_id: str, outage: Outage, record: CustomerRecord | None,
                 banner: OutageBanner) -> None:
        self._spawn(self._register(call_id, outage, record, banner))

    async def _register(self, call_id: str, outage: Outage, record: CustomerRecord | None,
                        banner: OutageBanner) -> None:
        service = self._attendance()
        settings = self._settings().outage
        if service is None or record is None:
            self.notice.emit(tr(_CONTEXT, "Registro indisponível: IXC não configurado."))
            return
        if not settings.ticket_subject or not settings.ticket_sector:
            self.notice.emit(tr(_CONTEXT, "Para registrar massivas, preencha [outage] "
                                          "ticket_subject e ticket_sector nas configurações."))
            return
        login = next((c for c in record.connections if not c.is_online), None)
        request = LogRequest(
            customer_id=str(record.customer.id), customer_name=record.customer.name,
            subject_id=settings.ticket_subject, ticket_sector_id=settings.ticket_sector,
            description=outage.banner_text(), call_id=self._history_id(call_id),
            contract_id=str(login.contract_id or "") if login else "",
            login_id=str(login.id) if login else "",
            title=tr(_CONTEXT, "Sem conexão — massiva {scope} {name}").format(
                scope=outage.scope.label, name=outage.display_name))
        try:
            logged = await service.log_attendance(request, outage)
        except Exception as exc:   # TicketError, a refused database: said, nothing lost
            message = getattr(exc, "message", "") or str(exc)
            self.notice.emit(tr(_CONTEXT, "Massiva não registrada: {reason}").format(
                reason=message))
            return
        banner.set_registered(tr(_CONTEXT, "Registrado na massiva"))
        self.notice.emit(tr(_CONTEXT, "Atendimento registrado na massiva {scope} {name}.").format(
            scope=outage.scope.label, name=outage.display_name))
        self.registered.emit(call_id, logged.ticket)

    def _spawn(self, work: Any) -> None:
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def idle(self) -> None:
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)
