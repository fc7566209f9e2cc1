"""IXC's status codes as enums, each with the pt-BR label an agent reads on the card.

IXC sends short codes (``"CA"``, ``"AG"``, ``"SS"``...). A code this version of Ramal does not know
(IXC adds some between versions) parses to ``UNKNOWN`` instead of failing the whole record; the
raw code stays available where it matters through the model that holds it.
"""

from __future__ import annotations

import enum
from typing import Self

from desktop.i18n import N_, tr

_CONTEXT = "ixc.status"


class CodedStatus(enum.StrEnum):
    """Base for IXC status codes: ``parse`` never raises, ``label`` is translated."""

    @classmethod
    def parse(cls, code: str | None) -> Self:
        text = (code or "").strip().upper()
        try:
            return cls(text)
        except ValueError:
            return cls("?")

    @property
    def label(self) -> str:
        return tr(_CONTEXT, _LABELS[type(self)][self.value])


class ContractStatus(CodedStatus):
    """``cliente_contrato.status``: the commercial state of the contract."""

    PRE_CONTRACT = "P"
    ACTIVE = "A"
    INACTIVE = "I"
    NEGATIVE = "N"
    GAVE_UP = "D"
    UNKNOWN = "?"


class AccessStatus(CodedStatus):
    """``cliente_contrato.status_internet``: whether the customer can browse right now."""

    ACTIVE = "A"
    DISABLED = "D"
    BLOCKED_MANUAL = "CM"
    BLOCKED_AUTOMATIC = "CA"
    FINANCIAL_OVERDUE = "FA"
    AWAITING_SIGNATURE = "AA"
    CE = "CE"
    UNKNOWN = "?"

    @property
    def is_blocked(self) -> bool:
        return self in (AccessStatus.BLOCKED_MANUAL, AccessStatus.BLOCKED_AUTOMATIC,
                        AccessStatus.FINANCIAL_OVERDUE)


class SpeedStatus(CodedStatus):
    """``cliente_contrato.status_velocidade``."""

    NORMAL = "N"
    REDUCED = "R"
    UNKNOWN = "?"


class ServiceOrderStatus(CodedStatus):
    """``su_oss_chamado.status``."""

    OPEN = "A"
    ANALYSIS = "AN"
    FORWARDED = "EN"
    ASSUMED = "AS"
    SCHEDULED = "AG"
    EN_ROUTE = "DS"
    EXECUTING = "EX"
    FINISHED = "F"
    AWAITING_RESCHEDULE = "RAG"
    UNKNOWN = "?"

    @property
    def is_open(self) -> bool:
        return self is not ServiceOrderStatus.FINISHED


class Priority(CodedStatus):
    """OS priority (``N`` normal) and ticket priority (``M`` normal) share one enum."""

    LOW = "B"
    NORMAL = "N"
    MEDIUM = "M"
    HIGH = "A"
    CRITICAL = "C"
    UNKNOWN = "?"


class InvoiceStatus(CodedStatus):
    """``fn_areceber.status``. "Overdue" is not a status: it is computed from the due date."""

    OPEN = "A"
    RECEIVED = "R"
    PARTIAL = "P"
    CANCELLED = "C"
    UNKNOWN = "?"

    @property
    def is_open(self) -> bool:
        return self in (InvoiceStatus.OPEN, InvoiceStatus.PARTIAL)


class OnlineStatus(CodedStatus):
    """``radusuarios.online``: ``SS`` means the login never had an accounted session."""

    ONLINE = "S"
    OFFLINE = "N"
    NO_STATUS = "SS"
    UNKNOWN = "?"


class TicketStatus(CodedStatus):
    """``su_ticket.su_status``: the ticket's lifecycle."""

    NEW = "N"
    PENDING = "P"
    IN_PROGRESS = "EP"
    SOLVED = "S"
    CANCELLED = "C"
    UNKNOWN = "?"

    @property
    def is_open(self) -> bool:
        return self in (TicketStatus.NEW, TicketStatus.PENDING, TicketStatus.IN_PROGRESS)


# Source texts are pt-BR, marked for the catalogue with N_(); tr() is applied when the label is
# read so a translator installed after import still takes effect.
_LABELS: dict[type[CodedStatus], dict[str, str]] = {
    ContractStatus: {
        "P": N_(_CONTEXT, "Pré-contrato"),
        "A": N_(_CONTEXT, "Ativo"),
        "I": N_(_CONTEXT, "Inativo"),
        "N": N_(_CONTEXT, "Negativado"),
        "D": N_(_CONTEXT, "Desistiu"),
        "?": N_(_CONTEXT, "Desconhecido"),
    },
    AccessStatus: {
        "A": N_(_CONTEXT, "Ativo"),
        "D": N_(_CONTEXT, "Desativado"),
        "CM": N_(_CONTEXT, "Bloqueio manual"),
        "CA": N_(_CONTEXT, "Bloqueio automático"),
        "FA": N_(_CONTEXT, "Financeiro em atraso"),
        "AA": N_(_CONTEXT, "Aguardando assinatura"),
        "CE": N_(_CONTEXT, "CE"),
        "?": N_(_CONTEXT, "Desconhecido"),
    },
    SpeedStatus: {
        "N": N_(_CONTEXT, "Normal"),
        "R": N_(_CONTEXT, "Reduzida"),
        "?": N_(_CONTEXT, "Desconhecida"),
    },
    ServiceOrderStatus: {
        "A": N_(_CONTEXT, "Aberta"),
        "AN": N_(_CONTEXT, "Análise"),
        "EN": N_(_CONTEXT, "Encaminhada"),
        "AS": N_(_CONTEXT, "Assumida"),
        "AG": N_(_CONTEXT, "Agendada"),
        "DS": N_(_CONTEXT, "Deslocamento"),
        "EX": N_(_CONTEXT, "Execução"),
        "F": N_(_CONTEXT, "Finalizada"),
        "RAG": N_(_CONTEXT, "Aguardando reagendamento"),
        "?": N_(_CONTEXT, "Desconhecido"),
    },
    Priority: {
        "B": N_(_CONTEXT, "Baixa"),
        "N": N_(_CONTEXT, "Normal"),
        "M": N_(_CONTEXT, "Normal"),
        "A": N_(_CONTEXT, "Alta"),
        "C": N_(_CONTEXT, "Crítica"),
        "?": N_(_CONTEXT, "Desconhecida"),
    },
    InvoiceStatus: {
        "A": N_(_CONTEXT, "A receber"),
        "R": N_(_CONTEXT, "Recebido"),
        "P": N_(_CONTEXT, "Parcial"),
        "C": N_(_CONTEXT, "Cancelado"),
        "?": N_(_CONTEXT, "Desconhecido"),
    },
    OnlineStatus: {
        "S": N_(_CONTEXT, "Online"),
        "N": N_(_CONTEXT, "Offline"),
        "SS": N_(_CONTEXT, "Sem status"),
        "?": N_(_CONTEXT, "Desconhecido"),
    },
    TicketStatus: {
        "N": N_(_CONTEXT, "Novo"),
        "P": N_(_CONTEXT, "Pendente"),
        "EP": N_(_CONTEXT, "Em progresso"),
        "S": N_(_CONTEXT, "Solucionado"),
        "C": N_(_CONTEXT, "Cancelado"),
        "?": N_(_CONTEXT, "Desconhecido"),
    },
}
