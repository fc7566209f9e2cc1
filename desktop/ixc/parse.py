"""IXC rows (every value a string) → the typed models, once, at the edge.

``"0"`` and ``""`` foreign keys become ``None``, ``"0000-00-00"`` dates become ``None``, money
becomes ``Decimal``, ``S``/``N`` flags become ``bool``, status codes become enums. Malformed values
degrade to "unknown" rather than failing the whole record: an agent on a live call is better
served by a card with one blank date than by no card.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from desktop.ixc.models import (
    AccessStatus,
    Address,
    Connection,
    Contract,
    ContractStatus,
    Customer,
    Invoice,
    InvoiceStatus,
    OnlineStatus,
    Priority,
    ServiceOrder,
    ServiceOrderStatus,
    SpeedStatus,
    Ticket,
    TicketStatus,
)

Row = Mapping[str, str]

PHONE_COLUMNS = ("telefone_celular", "whatsapp", "fone", "telefone_comercial")


def text(row: Row, key: str) -> str:
    return str(row.get(key) or "").strip()


def opt_id(value: str | None) -> int | None:
    value = (value or "").strip()
    if not value.isdigit() or int(value) == 0:
        return None
    return int(value)


def req_id(row: Row, key: str = "id") -> int:
    return opt_id(row.get(key)) or 0


def opt_date(value: str | None) -> date | None:
    value = (value or "").strip()[:10]
    if not value or value.startswith("0000"):
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def opt_datetime(value: str | None) -> datetime | None:
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d/%m/%Y %H:%M:%S",
                "%d/%m/%Y"):
        try:
            return datetime.strptime(value, fmt)
        except ValueError:
            continue
    return None


def money(value: str | None) -> Decimal:
    value = (value or "").strip()
    if not value:
        return Decimal("0")
    if "," in value:  # "1.234,56" typed by hand somewhere
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        return Decimal("0")


def flag(value: str | None, default: bool = False) -> bool:
    value = (value or "").strip().upper()
    if value in ("S", "SIM", "1", "Y"):
        return True
    if value in ("N", "NAO", "NÃO", "0"):
        return False
    return default


def integer(value: str | None) -> int:
    try:
        return int((value or "0").strip() or "0")
    except ValueError:
        return 0


def customer(row: Row, city_names: Mapping[int, str] | None = None) -> Customer:
    city_id = opt_id(row.get("cidade"))
    return Customer(
        id=req_id(row), name=text(row, "razao"), cpf_cnpj=text(row, "cnpj_cpf"),
        person_type=text(row, "tipo_pessoa").upper(), trade_name=text(row, "fantasia"),
        address=Address(
            street=text(row, "endereco"), number=text(row, "numero"),
            complement=text(row, "complemento"), district=text(row, "bairro"),
            city=(city_names or {}).get(city_id, "") if city_id else "", city_id=city_id,
            state=text(row, "uf") if not text(row, "uf").isdigit() else "",
            cep=text(row, "cep"), reference=text(row, "referencia"),
        ),
        alerta=text(row, "alerta"), obs=text(row, "obs"), email=text(row, "email"),
        phones={c: text(row, c) for c in PHONE_COLUMNS if text(row, c)},
        active=flag(row.get("ativo"), default=True),
        registered=opt_date(row.get("data_cadastro")),
        updated=opt_datetime(row.get("ultima_atualizacao")),
    )


def contract(row: Row, plan_names: Mapping[int, str] | None = None) -> Contract:
    plan_id = opt_id(row.get("id_vd_contrato"))
    return Contract(
        id=req_id(row), customer_id=req_id(row, "id_cliente"),
        # ``contrato`` is what integrators found reliable; the plan table is the fallback
        plan_name=text(row, "contrato") or (plan_names or {}).get(plan_id or 0, ""),
        status=ContractStatus.parse(row.get("status")),
        access_status=AccessStatus.parse(row.get("status_internet")),
        speed_status=SpeedStatus.parse(row.get("status_velocidade")),
        kind=text(row, "tipo"),
        activated=opt_date(row.get("data_ativacao")),
        cancelled=opt_date(row.get("data_cancelamento")),
        paid_until=opt_date(row.get("pago_ate_data")),
        automatic_block=flag(row.get("bloqueio_automatico"), default=True),
        no_block_until=opt_date(row.get("nao_bloquear_ate")),
        last_automatic_block=opt_datetime(row.get("dt_ult_bloq_auto")),
        last_manual_block=opt_datetime(row.get("dt_ult_bloq_manual")),
        trust_unlock_active=flag(row.get("desbloqueio_confianca_ativo")),
        trust_unlock_until=opt_date(row.get("dt_retorno_desb_conf")),
        overdue_installments=integer(row.get("num_parcelas_atraso")),
        alert=text(row, "alerta_contrato"),
    )


def service_order(row: Row, subjects: Mapping[int, str] | None = None,
                  technicians: Mapping[int, str] | None = None) -> ServiceOrder:
    subject_id = opt_id(row.get("id_assunto"))
    tech_id = opt_id(row.get("id_tecnico"))
    return ServiceOrder(
        id=req_id(row), customer_id=req_id(row, "id_cliente"),
        status=ServiceOrderStatus.parse(row.get("status")),
        subject=(subjects or {}).get(subject_id or 0, ""), subject_id=subject_id,
        protocol=text(row, "protocolo"), message=text(row, "mensagem"),
        closing_message=text(row, "mensagem_resposta"),
        opened=opt_datetime(row.get("data_abertura")),
        scheduled=opt_datetime(row.get("data_agenda")),
        closed=opt_datetime(row.get("data_fechamento")),
        technician=(technicians or {}).get(tech_id or 0, ""), technician_id=tech_id,
        priority=Priority.parse(row.get("prioridade")),
        login_id=opt_id(row.get("id_login")), ticket_id=opt_id(row.get("id_ticket")),
    )


def invoice(row: Row) -> Invoice:
    return Invoice(
        id=req_id(row), customer_id=req_id(row, "id_cliente"),
        contract_id=opt_id(row.get("id_contrato")), document=text(row, "documento"),
        amount=money(row.get("valor")), open_amount=money(row.get("valor_aberto")),
        received_amount=money(row.get("valor_recebido")),
        issued=opt_date(row.get("data_emissao")), due=opt_date(row.get("data_vencimento")),
        paid_on=opt_date(row.get("pagamento_data")),
        paid_amount=money(row.get("pagamento_valor")),
        status=InvoiceStatus.parse(row.get("status")),
        payment_type=text(row, "tipo_recebimento"),
        linha_digitavel=text(row, "linha_digitavel"), gateway_link=text(row, "gateway_link"),
        pix_txid=text(row, "pix_txid"),
    )


def connection(row: Row) -> Connection:
    return Connection(
        id=req_id(row), customer_id=req_id(row, "id_cliente"), login=text(row, "login"),
        contract_id=opt_id(row.get("id_contrato")),
        online=OnlineStatus.parse(row.get("online")),
        active=flag(row.get("ativo"), default=True), ip=text(row, "ip"), mac=text(row, "mac"),
        last_connect=opt_datetime(row.get("ultima_conexao_inicial")),
        last_disconnect=opt_datetime(row.get("ultima_conexao_final")),
        disconnect_reason=text(row, "motivo_desconexao"),
        connected_time=text(row, "tempo_conectado"),
        cto_id=opt_id(row.get("id_caixa_ftth")),
        concentrator_id=opt_id(row.get("id_concentrador")),
        transmitter_id=opt_id(row.get("id_transmissor")),
        concentrator=text(row, "concentrador"),
    )


def ticket(row: Row) -> Ticket:
    return Ticket(
        id=req_id(row), customer_id=req_id(row, "id_cliente"), protocol=text(row, "protocolo"),
        subject=text(row, "titulo"), subject_id=opt_id(row.get("id_assunto")),
        message=text(row, "menssagem") or text(row, "mensagem"),
        status=TicketStatus.parse(row.get("su_status")), stage=text(row, "status"),
        priority=Priority.parse(row.get("prioridade")),
        sector_id=opt_id(row.get("id_ticket_setor")),
        opened=opt_datetime(row.get("data_criacao")),
        updated=opt_datetime(row.get("data_ultima_alteracao")),
    )
