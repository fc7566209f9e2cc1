"""The caller's IXC record as typed, immutable values.

IXC sends every value as a string; :mod:`desktop.ixc.parse` turns rows into these types once, at
the client boundary, so everything above (record assembly, the card, the agent's JSON) works with
``Decimal`` money, ``date``/``datetime`` values, ``None`` for IXC's ``"0"`` ids and
``"0000-00-00"`` dates, and status enums that carry their pt-BR labels.

Time-dependent facts (is this invoice overdue?) take ``today`` explicitly so the same record reads
the same in a test, on the card and in the JSON.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from desktop.i18n import N_, tr
from desktop.ixc.documents import format_document
from desktop.ixc.outage_model import Outage, OutageScope
from desktop.ixc.statuses import (
    AccessStatus,
    CodedStatus,
    ContractStatus,
    InvoiceStatus,
    OnlineStatus,
    Priority,
    ServiceOrderStatus,
    SpeedStatus,
    TicketStatus,
)

__all__ = [
    "AccessStatus",
    "ActionResult",
    "Address",
    "Connection",
    "Contract",
    "ContractStatus",
    "Customer",
    "CustomerMatch",
    "CustomerRecord",
    "Invoice",
    "InvoiceStatus",
    "LookupResult",
    "MatchKind",
    "OnlineStatus",
    "Outage",
    "OutageScope",
    "PhoneMatch",
    "Priority",
    "SearchKind",
    "Section",
    "ServiceOrder",
    "ServiceOrderStatus",
    "SpeedStatus",
    "Ticket",
    "TicketStatus",
]


@dataclass(frozen=True)
class Address:
    street: str = ""
    number: str = ""
    complement: str = ""
    district: str = ""
    city: str = ""          # the city's name when known (IXC stores an id in ``cidade``)
    city_id: int | None = None
    state: str = ""
    cep: str = ""
    reference: str = ""

    def one_line(self) -> str:
        """``Rua X, 12 - apto 3 - Centro - Cidade/UF`` with empty parts left out."""
        head = ", ".join(p for p in (self.street, self.number) if p)
        place = "/".join(p for p in (self.city, self.state) if p)
        return " - ".join(p for p in (head, self.complement, self.district, place) if p)


@dataclass(frozen=True)
class Customer:
    id: int
    name: str                               # ``razao``
    cpf_cnpj: str = ""                      # as stored (masked)
    person_type: str = ""                   # F física, J jurídica, E estrangeira
    trade_name: str = ""                    # ``fantasia``
    address: Address = field(default_factory=Address)
    alerta: str = ""                        # free-text warning the ISP wants agents to see
    obs: str = ""
    email: str = ""
    phones: Mapping[str, str] = field(default_factory=dict)  # column → text as typed in IXC
    active: bool = True
    registered: date | None = None
    updated: datetime | None = None

    @property
    def is_company(self) -> bool:
        return self.person_type == "J"


@dataclass(frozen=True)
class Contract:
    id: int
    customer_id: int
    plan_name: str = ""
    status: ContractStatus = ContractStatus.UNKNOWN
    access_status: AccessStatus = AccessStatus.UNKNOWN        # ``status_internet``
    speed_status: SpeedStatus = SpeedStatus.UNKNOWN
    kind: str = ""                                             # I internet, T telefonia, S, SVA
    activated: date | None = None
    cancelled: date | None = None
    paid_until: date | None = None
    automatic_block: bool = True                               # ``bloqueio_automatico``
    no_block_until: date | None = None
    last_automatic_block: datetime | None = None
    last_manual_block: datetime | None = None
    trust_unlock_active: bool = False                          # ``desbloqueio_confianca_ativo``
    trust_unlock_until: date | None = None
    overdue_installments: int = 0
    alert: str = ""                                            # ``alerta_contrato``

    @property
    def is_blocked(self) -> bool:
        return self.access_status.is_blocked


@dataclass(frozen=True)
class ServiceOrder:
    id: int
    customer_id: int
    status: ServiceOrderStatus = ServiceOrderStatus.UNKNOWN
    subject: str = ""                  # the subject's label (``su_oss_assunto.assunto``)
    subject_id: int | None = None
    protocol: str = ""
    message: str = ""
    closing_message: str = ""
    opened: datetime | None = None
    scheduled: datetime | None = None
    closed: datetime | None = None
    technician: str = ""               # ``funcionarios.funcionario`` when resolved
    technician_id: int | None = None
    priority: Priority = Priority.UNKNOWN
    login_id: int | None = None
    ticket_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.status.is_open


@dataclass(frozen=True)
class Invoice:
    id: int
    customer_id: int
    contract_id: int | None = None
    document: str = ""
    amount: Decimal = Decimal("0")          # ``valor`` (face value)
    open_amount: Decimal = Decimal("0")     # ``valor_aberto`` (what is left to pay)
    received_amount: Decimal = Decimal("0")
    issued: date | None = None
    due: date | None = None
    paid_on: date | None = None
    paid_amount: Decimal = Decimal("0")
    status: InvoiceStatus = InvoiceStatus.UNKNOWN
    payment_type: str = ""
    linha_digitavel: str = ""
    gateway_link: str = ""
    pix_txid: str = ""

    @property
    def is_open(self) -> bool:
        return self.status.is_open

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due is not None and self.due < today

    def days_overdue(self, today: date) -> int:
        return (today - self.due).days if self.is_overdue(today) and self.due else 0

    @property
    def amount_due(self) -> Decimal:
        """What the customer still owes on this invoice (open amount, else face value)."""
        if not self.is_open:
            return Decimal("0")
        return self.open_amount if self.open_amount > 0 else self.amount


@dataclass(frozen=True)
class Connection:
    id: int
    customer_id: int
    login: str
    contract_id: int | None = None
    online: OnlineStatus = OnlineStatus.UNKNOWN
    active: bool = True
    ip: str = ""
    mac: str = ""
    last_connect: datetime | None = None
    last_disconnect: datetime | None = None
    disconnect_reason: str = ""
    connected_time: str = ""
    # where the login hangs in the ISP's network (IXC ``"0"`` = none): the outage scopes
    cto_id: int | None = None                 # ``id_caixa_ftth``
    concentrator_id: int | None = None        # ``id_concentrador``
    transmitter_id: int | None = None         # ``id_transmissor`` (radio)
    concentrator: str = ""                    # ``concentrador`` as IXC names it

    @property
    def is_online(self) -> bool:
        return self.online is OnlineStatus.ONLINE


@dataclass(frozen=True)
class Ticket:
    id: int
    customer_id: int
    protocol: str = ""
    subject: str = ""                  # ``titulo``
    subject_id: int | None = None
    message: str = ""                  # ``menssagem`` (sic in IXC)
    status: TicketStatus = TicketStatus.UNKNOWN   # ``su_status``
    stage: str = ""                    # ``status`` (workflow stage code)
    priority: Priority = Priority.UNKNOWN
    sector_id: int | None = None
    opened: datetime | None = None
    updated: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status.is_open


class Section(enum.StrEnum):
    """The parts of a record fetched after the customer is known; each may fail on its own."""

    CONTRACTS = "contracts"
    SERVICE_ORDERS = "service_orders"
    INVOICES = "invoices"
    CONNECTIONS = "connections"
    TICKETS = "tickets"

    @property
    def label(self) -> str:
        return tr("ixc.section", _SECTION_LABELS[self.value])


_SECTION_LABELS = {
    "contracts": N_("ixc.section", "Contratos"),
    "service_orders": N_("ixc.section", "Ordens de serviço"),
    "invoices": N_("ixc.section", "Financeiro"),
    "connections": N_("ixc.section", "Conexão"),
    "tickets": N_("ixc.section", "Atendimentos"),
}


class MatchKind(enum.StrEnum):
    """How the caller's number matched a customer's phone, best first."""

    EXACT = "exact"                 # same DDD and same number
    NINTH_DIGIT = "ninth_digit"     # same DDD, stored without (or with) the mobile ninth digit
    NO_DDD = "no_ddd"               # stored without a DDD; the local number matches

    @property
    def rank(self) -> int:
        return list(MatchKind).index(self)

    @property
    def label(self) -> str:
        return tr("ixc.match", _MATCH_LABELS[self.value])


_MATCH_LABELS = {
    "exact": N_("ixc.match", "Número exato"),
    "ninth_digit": N_("ixc.match", "Número sem o nono dígito"),
    "no_ddd": N_("ixc.match", "Número sem DDD"),
}


@dataclass(frozen=True)
class ActionResult:
    """What an IXC action resource (e.g. ``desbloqueio_confianca``) answered.

    ``ok`` False is a business refusal IXC explains in ``message`` (``code`` 107: already
    active, 113: unlock already used and unpaid...), not a transport failure.
    """

    ok: bool
    message: str
    code: str = ""


@dataclass(frozen=True)
class PhoneMatch:
    kind: MatchKind
    column: str = ""        # the cliente column that matched (``telefone_celular``...)
    stored: str = ""        # the text as typed in IXC


class SearchKind(enum.StrEnum):
    """What a manual search (``IxcService.search``) took the agent's text for."""

    NAME = "name"
    CPF = "cpf"
    CNPJ = "cnpj"
    PHONE = "phone"

    @property
    def label(self) -> str:
        return tr("ixc.search", _SEARCH_LABELS[self.value])


_SEARCH_LABELS = {
    "name": N_("ixc.search", "Nome"),
    "cpf": N_("ixc.search", "CPF"),
    "cnpj": N_("ixc.search", "CNPJ"),
    "phone": N_("ixc.search", "Telefone"),
}


@dataclass(frozen=True)
class CustomerMatch:
    """One line of a manual search's pick list: the customer's identity only, no sections.

    ``record_for(match.id)`` loads the whole record once the agent picks it.
    """

    customer: Customer
    found_by: SearchKind
    phone_match: PhoneMatch | None = None   # set when found by phone

    @property
    def id(self) -> int:
        return self.customer.id

    @property
    def name(self) -> str:
        return self.customer.name

    @property
    def cpf_cnpj(self) -> str:
        """The document with its usual mask, even when IXC stored digits only."""
        return format_document(self.customer.cpf_cnpj)

    @property
    def address(self) -> str:
        return self.customer.address.one_line()

    @property
    def active(self) -> bool:
        return self.customer.active


@dataclass(frozen=True)
class CustomerRecord:
    """One matched customer and everything the agent must check before answering.

    ``pending`` lists sections still being fetched (progressive delivery); ``errors`` maps a
    section that failed to a pt-BR message. A section is complete when it is in neither.
    """

    customer: Customer
    today: date
    match: PhoneMatch | None = None
    contracts: tuple[Contract, ...] = ()
    service_orders: tuple[ServiceOrder, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    connections: tuple[Connection, ...] = ()
    tickets: tuple[Ticket, ...] = ()
    errors: Mapping[Section, str] = field(default_factory=lambda: MappingProxyType({}))
    pending: frozenset[Section] = frozenset()
    # a probable mass outage around the caller (desktop.ixc.outage); not a section: the card
    # is complete without it, the banner arrives when (and if) the check answers
    outage: Outage | None = None

    @property
    def complete(self) -> bool:
        return not self.pending

    def with_section(self, section: Section, items: tuple[Any, ...]) -> CustomerRecord:
        """A copy with ``section`` filled in and no longer pending."""
        changes: dict[str, Any] = {section.value: items, "pending": self.pending - {section}}
        return replace(self, **changes)

    def with_error(self, section: Section, message: str) -> CustomerRecord:
        errors = dict(self.errors)
        errors[section] = message
        return replace(self, errors=MappingProxyType(errors), pending=self.pending - {section})

    # --- billing ----------------------------------------------------------------------------

    @property
    def open_invoices(self) -> tuple[Invoice, ...]:
        return tuple(sorted((i for i in self.invoices if i.is_open),
                            key=lambda i: (i.due or date.max, i.id)))

    @property
    def overdue_invoices(self) -> tuple[Invoice, ...]:
        return tuple(i for i in self.open_invoices if i.is_overdue(self.today))

    @property
    def total_overdue(self) -> Decimal:
        return sum((i.amount_due for i in self.overdue_invoices), Decimal("0"))

    @property
    def next_due(self) -> Invoice | None:
        """The first open invoice due today or later."""
        return next((i for i in self.open_invoices
                     if i.due is not None and i.due >= self.today), None)

    @property
    def last_payment(self) -> Invoice | None:
        paid = [i for i in self.invoices if i.paid_on is not None]
        return max(paid, key=lambda i: (i.paid_on or date.min, i.id)) if paid else None

    # --- service ----------------------------------------------------------------------------

    @property
    def open_service_orders(self) -> tuple[ServiceOrder, ...]:
        return tuple(o for o in self.service_orders if o.is_open)

    @property
    def closed_service_orders(self) -> tuple[ServiceOrder, ...]:
        return tuple(o for o in self.service_orders if not o.is_open)

    @property
    def open_tickets(self) -> tuple[Ticket, ...]:
        return tuple(t for t in self.tickets if t.is_open)

    @property
    def blocked_contracts(self) -> tuple[Contract, ...]:
        return tuple(c for c in self.contracts if c.is_blocked)

    @property
    def online_connections(self) -> tuple[Connection, ...]:
        return tuple(c for c in self.connections if c.is_online)


@dataclass(frozen=True)
class LookupResult:
    """The answer to "who is calling?": every matching customer, best match first.

    Only the first few ranked matches are loaded in full (``matches``); when more customers
    share the number, ``more`` lists the next ones by identity only (``record_for(id)`` loads
    one on demand) and ``unread`` counts rows IXC reported beyond what was read (unverified:
    an upper bound). ``more_matches`` is what the popup says: "mais N clientes com este número".
    """

    number: str                                 # the normalised caller number
    matches: tuple[CustomerRecord, ...] = ()
    elapsed_ms: int = 0
    more: tuple[CustomerMatch, ...] = ()
    unread: int = 0

    @property
    def found(self) -> bool:
        return bool(self.matches)

    @property
    def more_matches(self) -> int:
        return len(self.more) + self.unread


def status_json(status: CodedStatus) -> dict[str, str]:
    return {"code": status.value, "label": status.label}
