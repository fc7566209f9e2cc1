"""What the desk talks to, built once per process: the SIP engine (through a factory, so a test
can pass a recording one), the IXC service, and the store and forwarding services on one database.

What the desk needs of them (:class:`Engine`, :class:`Lookup`) is in ``desktop/desk/ports.py``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.audio.desk_audio import DeskAudio
from desktop.desk.ports import Engine, EngineFactory
from desktop.settings.model import Settings
from desktop.settings.source import SettingsSource
from desktop.sip.events import SipEvent


def outage_call_delivery(client: Any, tickets: Any, source: Any, discord: Any, agent: str) -> Any:
    """The ``ixc_outage_call`` handler: the NOC webhook is ``[outage] noc_sector``'s, read at
    use time like every sector's (desktop/forward/outage_record.py)."""
    from desktop.forward.discord import sector_webhooks
    from desktop.forward.outage_record import OutageCallDelivery, OutageRecords

    webhooks = sector_webhooks(source)
    records = OutageRecords(
        client, agent=agent, discord=discord,
        noc_webhook=lambda: webhooks(source().outage.noc_sector) if source().outage.noc_sector
        else None,
        record_customer_id=lambda: source().outage.record_customer_id)
    return OutageCallDelivery(records, tickets)

@dataclasses.dataclass
class Services:
    """What :func:`build_services` opens for the desk, and how to close it (in order)."""

    ixc: Any                               # IxcService, or None without IXC settings
    history: Any                           # desktop.store.history.CallHistory
    closers: list[Callable[[], Any]]       # sync or async, run first to last on quit
    attendance: Any = None                 # desktop.forward.attendance.AttendanceService
    worker: Any = None                     # desktop.forward.outbox_worker.OutboxWorker
    outbox: Any = None                     # desktop.store.outbox.Outbox
    # the settings the services read at use time; the desk replaces them when the agent saves
    settings: SettingsSource | None = None
    attendances: Any = None                # desktop.store.attendances.AttendanceStore (figures)
    opa: Any = None                        # desktop.forward.opa.OpaClient ("Enviar no WhatsApp")


def build_services(settings: Settings, database: Path | str | None = None) -> Services:
    """Everything the desk talks to, on one database (history, attendances and the outbox
    share it, so a ticket and its call are written together); plus the closers, in order:
    the outbox worker first (it may still be sending), then the HTTP clients, then the
    database."""
    from desktop.forward.attendance import AttendanceService
    from desktop.forward.discord import DiscordDelivery, DiscordWebhookClient, sector_webhooks
    from desktop.forward.ixc_completion import KIND_COMPLETE, IxcTicketCompletion
    from desktop.forward.ixc_delivery import IxcTicketDelivery
    from desktop.forward.opa import KIND_NOTE, KIND_NOTIFY, OpaClient, OpaDelivery
    from desktop.forward.outage_record import KIND as OUTAGE_KIND
    from desktop.forward.outbox_worker import DeliveryHandler, OutboxWorker
    from desktop.ixc.tickets import KIND as TICKET_KIND
    from desktop.ixc.tickets import IxcTickets
    from desktop.store.attendances import AttendanceStore
    from desktop.store.database import open_database
    from desktop.store.history import CallHistory, CallOutcome
    from desktop.store.outbox import Outbox

    closers: list[Callable[[], Any]] = []
    source = SettingsSource(settings)
    db = open_database(database)
    # 3CX rings every device of the extension: a call answered on the agent's desk phone or 3CX
    # app was still this agent's attendance, so it waits in "não registradas" too (its duration
    # is unknown here and the log dialog lets the agent type it)
    history = CallHistory(db, loggable=(CallOutcome.COMPLETED, CallOutcome.ANSWERED_ELSEWHERE))
    closers.append(lambda: db.conn.close())
    ixc = None
    tickets = None
    if settings.ixc.url and settings.ixc.token:
        from desktop.ixc.client import IxcClient
        from desktop.ixc.outage import detector_for
        from desktop.ixc.records import IxcService
        from desktop.store.phone_index import PhoneIndex

        client = IxcClient.from_settings(settings.ixc)
        index = PhoneIndex(db, tenant=settings.ixc.url)
        ixc = IxcService(client, index, outage=detector_for(client, settings.outage))
        tickets = IxcTickets(client)
        # the service, not just its client: its background index refresh is cancelled first
        closers.insert(0, ixc.aclose)
    outbox = Outbox(db)
    discord = DiscordWebhookClient()
    handlers: dict[str, DeliveryHandler] = {
        "discord": DiscordDelivery(outbox, sector_webhooks(source), discord)}
    closers.insert(0, discord.aclose)
    if tickets is not None:
        handlers[TICKET_KIND] = IxcTicketDelivery(tickets)
        # 3CX's summary/transcription of a recorded call, appended to its ticket (issue 15)
        from desktop.forward.recording_note import KIND as NOTE_KIND
        from desktop.forward.recording_note import RecordingNoteDelivery
        from desktop.ixc.ticket_messages import IxcTicketMessages
        handlers[NOTE_KIND] = RecordingNoteDelivery(IxcTicketMessages(client))
        handlers[OUTAGE_KIND] = outage_call_delivery(client, tickets, source, discord,
                                                     settings.sip.display_name
                                                     or settings.sip.extension)
        handlers[KIND_COMPLETE] = IxcTicketCompletion(tickets, outbox)
    opa_client: OpaClient | None = None
    if settings.opa.url:
        opa_client = OpaClient(settings.opa.url, settings.opa.token,
                               verify=settings.opa.verify_tls)
        handlers[KIND_NOTE] = handlers[KIND_NOTIFY] = OpaDelivery(outbox, opa_client)
        closers.insert(0, opa_client.aclose)
    worker = OutboxWorker(outbox, handlers)
    attendance_store = AttendanceStore(db)
    attendance = AttendanceService(
        settings=source, outbox=outbox, attendances=attendance_store, history=history,
        agent=settings.sip.display_name or settings.sip.extension, tickets=tickets,
        worker=worker)
    closers.insert(0, worker.stop)             # before the HTTP clients it sends with close
    return Services(ixc=ixc, history=history, closers=closers, attendance=attendance,
                    worker=worker, outbox=outbox, settings=source,
                    attendances=attendance_store, opa=opa_client)


def sip_engine_factory(on_event: Callable[[SipEvent], None]) -> Engine:
    """The engine without audio (companion mode, tests)."""
    from desktop.sip.engine import SipEngine

    engine: Engine = SipEngine(on_event)
    return engine


def engine_factory_for(audio: DeskAudio) -> EngineFactory:
    """The engine with the headset bridged in (softphone mode): pjsua2 has no sound device, so
    call audio flows through the audio bridge's ring buffers to Qt Multimedia devices. Without
    a headset link (companion mode) the engine has no audio at all."""
    link = audio.link
    if link is None:
        return sip_engine_factory

    def build(on_event: Callable[[SipEvent], None]) -> Engine:
        from desktop.sip.audio_bridge import AudioBridge
        from desktop.sip.engine import SipEngine

        engine: Engine = SipEngine(on_event, media_handler=AudioBridge(link))
        return engine

    return build

