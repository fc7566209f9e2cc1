"""Attended transfer as agents know it from 3CX/MicroSIP: consult the sector, then complete.

The agent asks to transfer the customer's call "com consulta" (the call panel's Transferir menu
or "Encaminhar" with "Transferência assistida"): the customer is put on hold, the sector's
``transfer_to`` is dialled (the consultation call, shown as "Consulta com <setor>" and linked
to the customer's call), and the customer's row offers "Completar transferência" and "Cancelar
consulta". Completing asks the engine for ``attended_transfer(customer, consultation)`` (REFER
with Replaces): on success the customer's leg ends as transferred and the sector's phone
replaces our consultation with the customer; on failure the customer stays on hold and the
agent can resume or try again. Cancelling hangs the consultation up, then resumes the customer.
A sector that is busy or does not answer is said plainly, with the customer left on hold for
the agent to resume ("Retomar").

The engine's answers come back as events through :class:`~desktop.desk.call_desk.CallDesk`, which
hands the ones about a consultation to :meth:`ConsultationFlow.on_state`,
:meth:`~ConsultationFlow.on_transfer_result` and :meth:`~ConsultationFlow.on_ended`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.i18n import tr
from desktop.sip.events import CallEnded, CallStateChanged, TransferResult
from desktop.ui.view_models import CallPhase

if TYPE_CHECKING:
    from desktop.desk.call_desk import CallDesk

log = logging.getLogger(__name__)
_CONTEXT = "consultation"


@dataclass
class Consultation:
    """One customer's call waiting while the agent talks to a sector (mutable: it progresses)."""

    customer: str                 # the customer's call id
    target: str                   # what was dialled (the sector's queue/extension)
    label: str                    # the sector's name, or the number for "outro ramal"
    consult: str = ""             # the consultation call's id, once the engine placed it
    answered: bool = False        # the sector picked up
    completing: bool = False      # attended_transfer sent, waiting for its result
    transferred: bool = False     # the result said success: both our legs are ending
    cancelled: bool = False       # the agent gave up: hang up, resume the customer
    consult_gone: bool = False    # the consultation ended while the transfer was completing


class ConsultationFlow:
    """The desk's consultations, by customer call id (one at a time per customer call)."""

    def __init__(self, desk: CallDesk) -> None:
        self.desk = desk
        self.by_customer: dict[str, Consultation] = {}

    def of_consult(self, call_id: str) -> Consultation | None:
        return next((c for c in self.by_customer.values() if c.consult == call_id), None)

    # --- the agent's commands -----------------------------------------------------------------

    def start(self, customer_id: str, target: str, label: str = "") -> None:
        """Hold the customer, then dial ``target`` for the consultation."""
        desk = self.desk
        call = desk.calls.get(customer_id)
        label = label or target
        if call is None or call.phase is not CallPhase.CONNECTED:
            desk.notice.emit(tr(_CONTEXT, "A transferência assistida só é possível com a "
                                          "ligação em andamento."))
            return
        if call.consult_for:
            desk.notice.emit(tr(_CONTEXT, "Esta já é uma ligação de consulta: complete ou "
                                          "cancele a transferência na ligação do cliente."))
            return
        if customer_id in self.by_customer:
            desk.notice.emit(tr(_CONTEXT, "Já há uma consulta em andamento para esta ligação."))
            return
        consultation = Consultation(customer_id, target, label)
        self.by_customer[customer_id] = consultation
        desk.show_call(dataclasses.replace(call, note=""))
        if call.held:
            self._dial(consultation)
        else:
            self._after(desk.engine.hold(customer_id),
                        lambda exc: self._held(consultation, exc))

    def complete(self, customer_id: str) -> None:
        """"Completar transferência": join the customer and the sector (REFER/Replaces)."""
        desk = self.desk
        consultation = self.by_customer.get(customer_id)
        if consultation is None or consultation.completing:
            return
        consult = desk.calls.get(consultation.consult) if consultation.consult else None
        if consult is None or consult.phase is not CallPhase.CONNECTED:
            desk.notice.emit(tr(_CONTEXT, "{sector} ainda não atendeu: aguarde ou cancele a "
                                          "consulta.").format(sector=consultation.label))
            return
        consultation.completing = True
        self._after(desk.engine.attended_transfer(customer_id, consultation.consult),
                    lambda exc: self._transfer_sent(consultation, exc))

    def cancel(self, customer_id: str) -> None:
        """"Cancelar consulta": hang the consultation up, then take the customer off hold."""
        desk = self.desk
        consultation = self.by_customer.pop(customer_id, None)
        if consultation is None:
            return
        consultation.cancelled = True
        self._unlink_customer(customer_id)
        if consultation.consult and consultation.consult in desk.calls:
            # resume only after the hang-up went out (the engine runs commands in order, but
            # the customer should not hear the agent still talking to the sector)
            self._after(desk.engine.hangup(consultation.consult),
                        lambda _exc: self._resume(customer_id))
        else:
            self._resume(customer_id)

    # --- engine events (GUI thread, from CallDesk.handle_event) ------------------------------

    def on_state(self, event: CallStateChanged) -> None:
        consultation = self.of_consult(event.call_id)
        if consultation is not None and event.state == "answered":
            consultation.answered = True
            return
        call = self.desk.calls.get(event.call_id)
        if event.state == "resumed" and call is not None and call.note:
            self.desk.show_call(dataclasses.replace(call, note=""))

    def on_transfer_result(self, event: TransferResult) -> bool:
        """True when the result was a consultation's (reported here, not as a blind one's)."""
        consultation = self.by_customer.get(event.call_id)
        if consultation is None or not consultation.completing:
            return False
        consultation.completing = False
        desk = self.desk
        if event.success:
            consultation.transferred = True
            # "transferida" in the history, to the sector dialled (not the REFER's URI)
            desk.recorder.mark_transferred(event.call_id, consultation.target, "attended")
            desk.notice.emit(tr(_CONTEXT, "Transferência concluída: o cliente está com "
                                          "{sector}.").format(sector=consultation.label))
        else:
            why = f"{event.code} {event.reason}".strip()
            text = tr(_CONTEXT, "A transferência para {sector} falhou ({why}): o cliente "
                                "continua em espera. Retome o cliente ou tente de novo.")
            desk.notice.emit(text.format(sector=consultation.label, why=why))
            self._note(consultation.customer, tr(_CONTEXT, "transferência falhou"))
            if consultation.consult_gone:     # nothing left to complete: only "Retomar"
                del self.by_customer[consultation.customer]
                self._unlink_customer(consultation.customer)
        return True

    def on_ended(self, event: CallEnded) -> None:
        desk = self.desk
        consultation = self.by_customer.get(event.call_id)
        if consultation is not None:          # the customer's call ended
            del self.by_customer[event.call_id]
            if not consultation.transferred:
                desk.notice.emit(tr(_CONTEXT, "O cliente desligou durante a consulta com "
                                              "{sector}.").format(sector=consultation.label))
            return
        consultation = self.of_consult(event.call_id)
        if consultation is None:
            return
        if consultation.completing:
            # the sector's phone took the customer's INVITE with Replaces and hung up our
            # consultation; the REFER's final NOTIFY (TransferResult) usually comes after this
            consultation.consult_gone = True
            return
        del self.by_customer[consultation.customer]
        self._unlink_customer(consultation.customer)
        if consultation.transferred or consultation.cancelled:
            return
        if not consultation.answered:
            busy = event.outcome == "rejected" or event.code in (486, 600)
            text = (tr(_CONTEXT, "{sector} está ocupado.") if busy else
                    tr(_CONTEXT, "{sector} não atendeu ({why}).")).format(
                sector=consultation.label,
                why=f"{event.code} {event.reason}".strip() or event.outcome)
            note = (tr(_CONTEXT, "{sector} ocupado") if busy else
                    tr(_CONTEXT, "{sector} não atendeu")).format(sector=consultation.label)
        else:
            text = tr(_CONTEXT, "{sector} desligou a consulta.").format(
                sector=consultation.label)
            note = tr(_CONTEXT, "consulta encerrada")
        desk.notice.emit(text + " " + tr(_CONTEXT, "O cliente continua em espera: clique em "
                                                   "Retomar para voltar a falar com ele."))
        self._note(consultation.customer, note)

    # --- steps --------------------------------------------------------------------------------

    def _held(self, consultation: Consultation, exc: BaseException | None) -> None:
        if consultation.cancelled:
            return
        if exc is not None:
            self.by_customer.pop(consultation.customer, None)
            self.desk.notice.emit(tr(_CONTEXT, "Não foi possível pôr o cliente em espera: "
                                               "{error}").format(error=exc))
            return
        self._dial(consultation)

    def _dial(self, consultation: Consultation) -> None:
        future = self.desk.engine.call(consultation.target)

        def done(f: Future[Any]) -> None:
            exc = f.exception()
            call_id = "" if exc is not None else str(f.result())
            self.desk.invoker.post(lambda: self._dialled(consultation, call_id, exc))

        future.add_done_callback(done)

    def _dialled(self, consultation: Consultation, call_id: str,
                 exc: BaseException | None) -> None:
        desk = self.desk
        if exc is not None:
            self.by_customer.pop(consultation.customer, None)
            desk.notice.emit(tr(_CONTEXT, "Não foi possível ligar para {sector}: {error}. O "
                                          "cliente está em espera.").format(
                sector=consultation.label, error=exc))
            self._note(consultation.customer, tr(_CONTEXT, "consulta não iniciada"))
            return
        consultation.consult = call_id
        if consultation.cancelled or consultation.customer not in desk.calls:
            desk.hangup(call_id)           # the agent cancelled (or the customer left) meanwhile
            return
        consult = desk.calls.get(call_id)
        if consult is None:
            # the consultation ended before we learnt its id (its CallEnded came first)
            self.by_customer.pop(consultation.customer, None)
            desk.notice.emit(tr(_CONTEXT, "{sector} não atendeu.").format(
                sector=consultation.label))
            return
        consultation.answered = consult.phase is CallPhase.CONNECTED
        desk.show_call(dataclasses.replace(consult, consult_for=consultation.customer,
                                         consult_label=consultation.label))
        customer = desk.calls[consultation.customer]
        desk.show_call(dataclasses.replace(customer, consulting=call_id, note=""))

    def _transfer_sent(self, consultation: Consultation, exc: BaseException | None) -> None:
        if exc is not None:      # refused before any REFER (a call already gone...)
            consultation.completing = False
            self.desk.notice.emit(tr(_CONTEXT, "Completar transferência: {error}").format(
                error=exc))

    def _resume(self, customer_id: str) -> None:
        if customer_id in self.desk.calls:
            self.desk.watch_command(self.desk.engine.resume(customer_id), tr(_CONTEXT, "Retomar"))

    def _unlink_customer(self, customer_id: str) -> None:
        call = self.desk.calls.get(customer_id)
        if call is not None and call.consulting:
            self.desk.show_call(dataclasses.replace(call, consulting=""))

    def _note(self, customer_id: str, note: str) -> None:
        call = self.desk.calls.get(customer_id)
        if call is not None:
            self.desk.show_call(dataclasses.replace(call, note=note))

    def _after(self, future: Future[Any],
               then: Callable[[BaseException | None], None]) -> None:
        """Run ``then(exception or None)`` on the GUI thread once the engine command is done."""

        def done(f: Future[Any]) -> None:
            exc = f.exception()
            self.desk.invoker.post(lambda: then(exc))

        future.add_done_callback(done)
