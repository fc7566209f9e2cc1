"""Customer records built by hand for the widget tests (one per situation the card must show)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from desktop.ixc.models import (
    AccessStatus,
    Address,
    Connection,
    Contract,
    ContractStatus,
    Customer,
    CustomerRecord,
    Invoice,
    InvoiceStatus,
    OnlineStatus,
    Section,
    ServiceOrder,
    ServiceOrderStatus,
    Ticket,
    TicketStatus,
)

TODAY = date(2026, 3, 20)
HOSTILE_NAMES = (
    "<b>Negrito</b> & <i>itálico</i>",
    '<img src="file:///etc/passwd">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "A" * 5000,
    "مرحبا שלום Maria 👩‍👩‍👧 🇧🇷",
    "<a href='http://evil.example'>clique</a>",
)


def customer(cid: int = 101, name: str = "Maria da Silva", alerta: str = "") -> Customer:
    return Customer(
        id=cid, name=name, cpf_cnpj="123.456.789-09", person_type="F",
        address=Address(street="Rua das Flores", number="12", district="Centro",
                        city="São Paulo", state="SP"),
        alerta=alerta, phones={"telefone_celular": "(11) 98765-4321"}, email="maria@example.com",
    )


def complete_record(cid: int = 101, name: str = "Maria da Silva", *, blocked: bool = False,
                    overdue: bool = False, online: bool = True, open_os: bool = False,
                    alerta: str = "") -> CustomerRecord:
    contract = Contract(
        id=5001, customer_id=cid, plan_name="PLANO FIBRA 300MB", status=ContractStatus.ACTIVE,
        access_status=AccessStatus.BLOCKED_AUTOMATIC if blocked else AccessStatus.ACTIVE,
    )
    invoices = [Invoice(id=9001, customer_id=cid, amount=Decimal("89.90"),
                        due=date(2026, 2, 10), paid_on=date(2026, 2, 9),
                        paid_amount=Decimal("89.90"), status=InvoiceStatus.RECEIVED)]
    if overdue:
        invoices.append(Invoice(
            id=9002, customer_id=cid, amount=Decimal("89.90"), open_amount=Decimal("89.90"),
            due=date(2026, 3, 3), status=InvoiceStatus.OPEN,
            linha_digitavel="34191.79001 01043.510047 91020.150008 1 12340000008990",
            pix_txid="TXID9002ABC", gateway_link="https://pay.example/9002"))
    invoices.append(Invoice(id=9003, customer_id=cid, amount=Decimal("89.90"),
                            open_amount=Decimal("89.90"), due=date(2026, 4, 10),
                            status=InvoiceStatus.OPEN, linha_digitavel="34191.00000 2"))
    connection = Connection(
        id=4802, customer_id=cid, login="maria4802",
        online=OnlineStatus.ONLINE if online else OnlineStatus.OFFLINE, ip="100.64.1.2",
        last_connect=datetime(2026, 3, 19, 8, 15), last_disconnect=datetime(2026, 3, 20, 9, 40),
        disconnect_reason="Lost-Carrier")
    orders = [ServiceOrder(id=301, customer_id=cid, status=ServiceOrderStatus.FINISHED,
                           subject="Lentidão", protocol="2026010100001",
                           opened=datetime(2026, 1, 1, 10, 0), closed=datetime(2026, 1, 2, 9, 0))]
    if open_os:
        orders.append(ServiceOrder(id=302, customer_id=cid, status=ServiceOrderStatus.SCHEDULED,
                                   subject="Sem conexão", protocol="2026031900042",
                                   opened=datetime(2026, 3, 19, 14, 0),
                                   scheduled=datetime(2026, 3, 21, 9, 0),
                                   technician="Robson Fibra"))
    tickets = [Ticket(id=77, customer_id=cid, protocol="2026031800007", subject="Segunda via",
                      status=TicketStatus.SOLVED, opened=datetime(2026, 3, 18, 11, 0))]
    return CustomerRecord(
        customer=customer(cid, name, alerta), today=TODAY, contracts=(contract,),
        service_orders=tuple(orders), invoices=tuple(invoices), connections=(connection,),
        tickets=tuple(tickets))


def pending_record(cid: int = 101, name: str = "Maria da Silva") -> CustomerRecord:
    return CustomerRecord(customer=customer(cid, name), today=TODAY, pending=frozenset(Section))
