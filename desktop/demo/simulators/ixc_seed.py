"""Seed data for the IXC simulator: a small pt-BR ISP with the messy data real tenants have.

Named scenario customers (ids 101–125) cover what the card and the phone matching must handle:
blocked (manual / automatic), overdue, offline, open and scheduled OS, phones typed in every
shape, a family sharing a number, an active and an inactive customer sharing one, the same
local number under two DDDs. Fillers (ids 201+) are generated from a fixed seed. Dates are
relative to ``today`` so "overdue" means the same thing whenever the demo runs.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop.demo.simulators.ixc_action_seed import ACTION_TABLES, EXTRA_COLUMNS, add_action_rows
from desktop.demo.simulators.ixc_contacts import CONTACT_REQUIRED, CONTACT_TABLES, add_contact_rows
from desktop.demo.simulators.ixc_network import add_network
from desktop.demo.simulators.ixc_ticket_messages import MESSAGE_REQUIRED, MESSAGE_TABLES

Rows = list[dict[str, str]]

# Every column the simulator knows per table; a filter on anything else gets IXC's HTML error.
COLUMNS: dict[str, tuple[str, ...]] = {
    "cliente": tuple((
        "id razao fantasia cnpj_cpf tipo_pessoa ie_identidade data_nascimento ativo filial_id "
        "fone telefone_celular telefone_comercial whatsapp contato email hotsite_email "
        "endereco numero complemento bairro cidade uf cep referencia alerta obs "
        "status_internet senha hotsite_acesso data_cadastro ultima_atualizacao"
    ).split()),
    "cliente_contrato": tuple((
        "id id_cliente id_vd_contrato contrato tipo status status_internet status_velocidade "
        "data data_ativacao data_cancelamento pago_ate_data bloqueio_automatico nao_bloquear_ate "
        "desbloqueio_confianca desbloqueio_confianca_ativo dt_ult_desb_conf dt_retorno_desb_conf "
        "dt_ult_bloq_auto dt_ult_bloq_manual num_parcelas_atraso alerta_contrato id_filial "
        "ultima_atualizacao"
    ).split()),
    "vd_contratos": tuple("id nome valor_contrato Ativo".split()),
    "su_oss_chamado": tuple((
        "id id_cliente id_login id_assunto setor id_tecnico id_ticket protocolo mensagem "
        "mensagem_resposta status prioridade data_abertura data_agenda data_agenda_final "
        "data_inicio data_final data_fechamento melhor_horario_agenda ultima_atualizacao"
    ).split()),
    "su_oss_assunto": tuple("id assunto ativo finalidade tipo prioridade_padrao".split()),
    "funcionarios": tuple("id funcionario ativo".split()),
    "fn_areceber": tuple((
        "id id_cliente id_contrato documento nparcela data_emissao data_vencimento valor "
        "valor_aberto valor_recebido valor_cancelado pagamento_data pagamento_valor baixa_data "
        "liberado status tipo_recebimento linha_digitavel impresso gateway_link pix_txid obs "
        "ultima_atualizacao"
    ).split()),
    "radusuarios": tuple((
        "id id_cliente id_contrato login senha ativo online ip mac concentrador "
        "ultima_conexao_inicial ultima_conexao_final tempo_conectado motivo_desconexao "
        "count_desconexao id_concentrador id_caixa_ftth ftth_porta id_transmissor"
    ).split()),
    # the access network (desktop.demo.simulators.ixc_network): CTOs and radio bases
    "rad_caixa_ftth": tuple("id descricao capacidade status".split()),
    "radpop_radio": tuple("id descricao".split()),
    "su_ticket": tuple((
        "id protocolo tipo id_cliente id_contrato id_login id_assunto titulo menssagem "
        "id_ticket_setor id_responsavel_tecnico prioridade su_status status id_ticket_origem "
        "interacao_pendente origem_cadastro melhor_horario_reserva origem_endereco "
        "data_criacao data_ultima_alteracao"
    ).split()),
    "su_ticket_setor": tuple("id setor ativo".split()),
    "cidade": tuple("id nome uf".split()),
}
# the card's actions (issue 13): the tables they read and the columns they read and change
COLUMNS.update(ACTION_TABLES)
for _table, _extra in EXTRA_COLUMNS.items():
    COLUMNS[_table] += _extra
# follow-up messages on tickets (issue 15: 3CX's transcription of the call)
COLUMNS.update(MESSAGE_TABLES)
# the CRM's contacts and leads (issue 16: an unknown caller registered as a lead)
COLUMNS.update(CONTACT_TABLES)

# Fields an insert must carry (IXC answers "Preencha <label>").
REQUIRED: dict[str, dict[str, str]] = {
    "su_ticket": {"id_cliente": "Cliente", "id_assunto": "Assunto", "titulo": "Título",
                  "menssagem": "Descrição"},
    "cliente": {"razao": "Razão social", "cnpj_cpf": "CNPJ/CPF"},
    "su_oss_chamado": {"id_cliente": "Cliente", "id_assunto": "Assunto"},
}
REQUIRED.update(MESSAGE_REQUIRED)
REQUIRED.update(CONTACT_REQUIRED)


@dataclass(frozen=True)
class DemoNumber:
    number: str           # E.164, as the PBX delivers it
    scenario: str         # pt-BR, for the docs and the demo menu
    customer_ids: tuple[int, ...]


# The numbers the demo and the UI use to show each situation (documented in docs/ixc.md).
DEMO_NUMBERS: dict[str, DemoNumber] = {
    "em_dia": DemoNumber("+5511987654321", "Cliente em dia, online", (101,)),
    "bloqueio_automatico": DemoNumber(
        "+5511981234567", "Bloqueio automático, 2 faturas vencidas, offline", (102,)),
    "bloqueio_manual": DemoNumber(
        "+5511982223344", "Bloqueio manual, com alerta no cadastro", (103,)),
    "financeiro_em_atraso": DemoNumber(
        "+552134567890", "Financeiro em atraso (telefone fixo, DDD 21)", (104,)),
    "os_aberta": DemoNumber(
        "+5511998765432", "OS aberta em execução e OS agendada, offline", (105,)),
    "sem_nono_digito": DemoNumber(
        "+5511987654000", "Celular cadastrado sem o nono dígito", (106,)),
    "dois_numeros": DemoNumber(
        "+5511977778888", "Dois números no mesmo campo", (107,)),
    "familia": DemoNumber(
        "+5511966665555", "Família: três clientes com o mesmo número", (108, 109, 110)),
    "ativo_e_inativo": DemoNumber(
        "+5511955554444", "Cliente ativo e ex-cliente inativo com o mesmo número", (111, 112)),
    "dois_ddds": DemoNumber(
        "+5511944443333", "Mesmo número local em outro DDD (não deve casar)", (113,)),
    "sem_ddd": DemoNumber("+5511943218765", "Número cadastrado sem DDD", (115,)),
    "empresa": DemoNumber("+551130304050", "Empresa (CNPJ) com dois contratos", (116,)),
    "mais_55": DemoNumber("+5511991112222", "Cadastrado como +55 11 9 9111 2222", (117,)),
    "pontos_espacos": DemoNumber("+5511992223333", "Cadastrado com pontos e espaços", (118,)),
    "aguardando_assinatura": DemoNumber(
        "+5511993334444", "Contrato aguardando assinatura, sem conexão", (119,)),
    "massiva": DemoNumber(
        "+5511945451414", "Na área da CTO 14-B (massiva quando encenada)", (300,)),
    "desconhecido": DemoNumber("+5511900001234", "Número que não está no IXC", ()),
}

DEMO_TOKEN = "12:6a41b053ec8d4c1f9e2a7b3c5d6e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a"


def _check_digits(base: list[int], weights: list[int]) -> int:
    total = sum(d * w for d, w in zip(base, weights, strict=True))
    rest = total % 11
    return 0 if rest < 2 else 11 - rest


def make_cpf(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(9)]
    digits.append(_check_digits(digits, list(range(10, 1, -1))))
    digits.append(_check_digits(digits, list(range(11, 1, -1))))
    s = "".join(map(str, digits))
    return f"{s[:3]}.{s[3:6]}.{s[6:9]}-{s[9:]}"


def make_cnpj(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(8)] + [0, 0, 0, 1]
    digits.append(_check_digits(digits, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))
    digits.append(_check_digits(digits, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]))
    s = "".join(map(str, digits))
    return f"{s[:2]}.{s[2:5]}.{s[5:8]}/{s[8:12]}-{s[12:]}"


_FIRST = ("Ana", "João", "Francisca", "Antônio", "Juliana", "Carlos", "Patrícia", "Paulo",
          "Aline", "Lucas", "Sandra", "Marcos", "Fernanda", "Rafael", "Luciana", "Pedro",
          "Camila", "Thiago", "Vanessa", "Bruno", "Adriana", "Diego", "Simone", "Rodrigo")
_LAST = ("Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
         "Lima", "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes",
         "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Moreira")
_STREETS = ("Rua das Flores", "Av. Brasil", "Rua São Bento", "Rua XV de Novembro",
            "Rua Sete de Setembro", "Av. Paulista", "Rua da Consolação", "Travessa do Comércio")
_DISTRICTS = ("Centro", "Vila Nova", "Jardim América", "Santa Cecília", "Bela Vista",
              "Parque das Árvores")
_PLANS = (("1", "PLANO FIBRA 300MB", "89.90"), ("2", "PLANO FIBRA 500MB", "109.90"),
          ("3", "PLANO FIBRA 1GB", "149.90"), ("4", "PLANO EMPRESARIAL 600MB", "249.90"))
_SUBJECTS = (("1", "Sem conexão"), ("2", "Lentidão"), ("3", "Troca de equipamento"),
             ("4", "Mudança de endereço"), ("5", "Segunda via de boleto"),
             ("6", "Instalação"), ("7", "Cancelamento"))
_TECHS = (("1", "Everton Técnico"), ("2", "Josiane Campos"), ("3", "Robson Fibra"))
_SECTORS = (("1", "Suporte técnico"), ("2", "Financeiro"), ("3", "Comercial"))
_CITIES = (("3550308", "São Paulo", "SP"), ("3304557", "Rio de Janeiro", "RJ"),
           ("3509502", "Campinas", "SP"))


class _Builder:
    def __init__(self, today: date, seed: int) -> None:
        self.today = today
        self.rng = random.Random(seed)
        self.tables: dict[str, Rows] = {name: [] for name in COLUMNS}
        self.ids: dict[str, int] = {"cliente_contrato": 500, "su_oss_chamado": 900,
                                    "fn_areceber": 3000, "radusuarios": 700, "su_ticket": 1200}

    def day(self, offset: int) -> str:
        return (self.today + timedelta(days=offset)).isoformat()

    def moment(self, offset_days: int, hour: int = 9, minute: int = 0) -> str:
        d = self.today + timedelta(days=offset_days)
        return datetime.combine(d, time(hour, minute)).strftime("%Y-%m-%d %H:%M:%S")

    def next_id(self, table: str) -> str:
        self.ids[table] += 1
        return str(self.ids[table])

    def add(self, table: str, row: dict[str, Any]) -> dict[str, str]:
        full = {col: "" for col in COLUMNS[table]}
        full.update({k: str(v) for k, v in row.items()})
        self.tables[table].append(full)
        return full

    def customer(self, cid: int, name: str, *, active: bool = True, company: bool = False,
                 alerta: str = "", city: int = 0, fone: str = "", telefone_celular: str = "",
                 telefone_comercial: str = "", whatsapp: str = "") -> None:
        rng = self.rng
        city_id, _, uf = _CITIES[city]
        self.add("cliente", {
            "id": cid, "razao": name, "fantasia": name if company else "",
            "cnpj_cpf": make_cnpj(rng) if company else make_cpf(rng),
            "tipo_pessoa": "J" if company else "F", "ativo": "S" if active else "N",
            "filial_id": "1", "fone": fone,
            "telefone_celular": telefone_celular,
            "telefone_comercial": telefone_comercial,
            "whatsapp": whatsapp,
            "email": name.split()[0].lower() + f"{cid}@email.com.br",
            "endereco": rng.choice(_STREETS), "numero": str(rng.randrange(10, 2000)),
            "complemento": rng.choice(("", "", "Apto 12", "Casa 2", "Fundos")),
            "bairro": rng.choice(_DISTRICTS), "cidade": city_id, "uf": uf,
            "cep": f"0{rng.randrange(1000, 9999)}-{rng.randrange(100, 999)}",
            "referencia": rng.choice(("", "Perto da padaria", "Portão azul")),
            "alerta": alerta, "obs": "", "status_internet": "A" if active else "D",
            # IXC returns these secrets in list responses; the client must drop them
            "senha": f"hotsite{cid}", "hotsite_acesso": "S",
            "data_nascimento": "0000-00-00",
            "data_cadastro": self.day(-rng.randrange(60, 2000)),
            "ultima_atualizacao": self.moment(-rng.randrange(1, 60)),
        })

    def contract(self, cid: int, plan: int = 0, *, status: str = "A", access: str = "A",
                 blocked_days: int = 0, overdue_installments: int = 0,
                 alert: str = "") -> str:
        plan_id, plan_name, _ = _PLANS[plan]
        contract_id = self.next_id("cliente_contrato")
        self.add("cliente_contrato", {
            "id": contract_id, "id_cliente": cid, "id_vd_contrato": plan_id,
            "contrato": plan_name, "tipo": "I", "status": status, "status_internet": access,
            "status_velocidade": "N", "data": self.day(-400), "data_ativacao": self.day(-395),
            "data_cancelamento": "0000-00-00" if status != "I" else self.day(-30),
            "pago_ate_data": self.day(-40 if overdue_installments else 20),
            "bloqueio_automatico": "S", "nao_bloquear_ate": "0000-00-00",
            "desbloqueio_confianca": "S", "desbloqueio_confianca_ativo": "N",
            "dt_ult_desb_conf": "0000-00-00", "dt_retorno_desb_conf": "0000-00-00",
            "dt_ult_bloq_auto": self.moment(-blocked_days, 3) if access == "CA" else "",
            "dt_ult_bloq_manual": self.moment(-blocked_days, 14) if access == "CM" else "",
            "num_parcelas_atraso": overdue_installments, "alerta_contrato": alert,
            "id_filial": "1", "ultima_atualizacao": self.moment(-2),
        })
        return contract_id

    def invoices(self, cid: int, contract_id: str, plan: int = 0, *, overdue: int = 0,
                 partial: bool = False) -> None:
        value = _PLANS[plan][2]
        # seven months of history: paid ones, the last `overdue` past ones unpaid, and exactly
        # one still to come whatever the day of the month (tests count these rows)
        next_due = self.today + timedelta(days=5)          # never today, whatever the date
        dues = [_add_months(next_due, -m) for m in range(7, -1, -1)]
        past = [d for d in dues if d < self.today]
        unpaid_past = set(past[len(past) - overdue:]) if overdue else set()
        for due in dues:
            status = "A" if due >= self.today or due in unpaid_past else "R"
            if partial and status == "A" and due < self.today:
                status = "P"
            paid = status == "R"
            inv_id = self.next_id("fn_areceber")
            self.add("fn_areceber", {
                "id": inv_id, "id_cliente": cid, "id_contrato": contract_id,
                "documento": inv_id, "nparcela": "1", "data_emissao": (
                    due - timedelta(days=15)).isoformat(),
                "data_vencimento": due.isoformat(), "valor": value,
                "valor_aberto": "0.00" if paid else ("40.00" if status == "P" else value),
                "valor_recebido": value if paid else ("49.90" if status == "P" else "0.00"),
                "valor_cancelado": "0.00",
                "pagamento_data": (due - timedelta(days=2)).isoformat() if paid else "0000-00-00",
                "pagamento_valor": value if paid else "0.00",
                "baixa_data": (due - timedelta(days=1)).isoformat() if paid else "0000-00-00",
                "liberado": "S", "status": status, "tipo_recebimento": "Boleto",
                "linha_digitavel": "" if paid else (
                    f"34191.79001 01043.510047 91020.150008 {self.rng.randrange(1, 9)} "
                    f"{9000 + int(inv_id) % 1000}0000{value.replace('.', '')}"),
                "impresso": "S", "gateway_link": "" if paid else
                f"https://pagar.provedor.com.br/fatura/{inv_id}",
                "pix_txid": "" if paid else f"PIX{inv_id}TX", "obs": "",
                "ultima_atualizacao": self.moment(-1),
            })

    def login(self, cid: int, contract_id: str, *, online: str = "S", active: bool = True,
              reason: str = "", down_days: int = 0) -> None:
        lid = self.next_id("radusuarios")
        up = online == "S"
        self.add("radusuarios", {
            "id": lid, "id_cliente": cid, "id_contrato": contract_id,
            "login": f"cliente{cid}@fibra", "senha": f"pppoe-{cid}-secret",
            "ativo": "S" if active else "N", "online": online,
            "ip": f"100.64.{cid % 250}.{int(lid) % 250}" if up else "",
            "mac": f"E4:8D:8C:{cid % 99:02d}:{int(lid) % 99:02d}:1A", "concentrador": "BNG-01",
            "ultima_conexao_inicial": self.moment(-down_days - 3, 7) if online != "SS" else "",
            "ultima_conexao_final": "" if up or online == "SS" else self.moment(-down_days, 21),
            "tempo_conectado": "3 dias, 4:12:09" if up else "",
            "motivo_desconexao": reason, "count_desconexao": "2",
        })

    def service_order(self, cid: int, subject: int, status: str, *, opened_days: int,
                      scheduled_days: int | None = None, tech: int = 0,
                      message: str = "") -> None:
        oid = self.next_id("su_oss_chamado")
        done = status == "F"
        self.add("su_oss_chamado", {
            "id": oid, "id_cliente": cid, "id_login": "0", "id_assunto": _SUBJECTS[subject][0],
            "setor": "1", "id_tecnico": _TECHS[tech][0] if status in ("AG", "EX", "DS", "F")
            else "0", "id_ticket": "0", "protocolo": f"2025{oid}",
            "mensagem": message or f"Cliente relata: {_SUBJECTS[subject][1].lower()}.",
            "mensagem_resposta": "Resolvido no local." if done else "",
            "status": status, "prioridade": "N", "data_abertura": self.moment(-opened_days, 10),
            "data_agenda": self.moment(scheduled_days, 14) if scheduled_days is not None
            else "0000-00-00 00:00:00", "data_agenda_final": "0000-00-00 00:00:00",
            "data_inicio": "", "data_final": "",
            "data_fechamento": self.moment(-opened_days + 2, 16) if done
            else "0000-00-00 00:00:00", "melhor_horario_agenda": "Q",
            "ultima_atualizacao": self.moment(-1),
        })

    def ticket(self, cid: int, title: str, su_status: str, *, opened_days: int) -> None:
        tid = self.next_id("su_ticket")
        self.add("su_ticket", {
            "id": tid, "protocolo": f"AT{self.today.year}{tid}", "tipo": "C", "id_cliente": cid,
            "id_contrato": "0", "id_login": "0", "id_assunto": "5", "titulo": title,
            "menssagem": f"{title}. Registrado por telefone.", "id_ticket_setor": "1",
            "id_responsavel_tecnico": "0", "prioridade": "M", "su_status": su_status,
            "status": "F" if su_status == "S" else "T", "id_ticket_origem": "I",
            "interacao_pendente": "N", "origem_cadastro": "P", "melhor_horario_reserva": "Q",
            "origem_endereco": "C", "data_criacao": self.moment(-opened_days, 11),
            "data_ultima_alteracao": self.moment(-opened_days, 15),
        })

    def healthy(self, cid: int, plan: int = 0, online: str = "S") -> str:
        contract_id = self.contract(cid, plan)
        self.invoices(cid, contract_id, plan)
        self.login(cid, contract_id, online=online,
                   reason="" if online == "S" else "Lost-Carrier", down_days=1)
        return contract_id


def _add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier), the 31st becoming the 30th..."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def build_seed(today: date | None = None, seed: int = 7, fillers: int = 32) -> dict[str, Rows]:
    """Every table of the simulated tenant, all values strings, as IXC returns them."""
    b = _Builder(today or date.today(), seed)
    for row in _PLANS:
        b.add("vd_contratos", {"id": row[0], "nome": row[1], "valor_contrato": row[2],
                               "Ativo": "S"})
    for sid, label in _SUBJECTS:
        b.add("su_oss_assunto", {"id": sid, "assunto": label, "ativo": "S", "finalidade": "OS",
                                 "tipo": "C", "prioridade_padrao": "N"})
    for tech_id, tech_name in _TECHS:
        b.add("funcionarios", {"id": tech_id, "funcionario": tech_name, "ativo": "S"})
    for sector_id, sector_name in _SECTORS:
        b.add("su_ticket_setor", {"id": sector_id, "setor": sector_name, "ativo": "S"})
    for city_id, city_name, uf in _CITIES:
        b.add("cidade", {"id": city_id, "nome": city_name, "uf": uf})

    b.customer(101, "Maria Aparecida da Silva", telefone_celular="(11) 98765-4321",
               fone="(11) 3222-1100")
    b.healthy(101, plan=1)
    b.ticket(101, "Segunda via de boleto", "S", opened_days=45)

    b.customer(102, "José Carlos Pereira", telefone_celular="11 9 8123-4567")
    c = b.contract(102, access="CA", blocked_days=3, overdue_installments=2)
    b.invoices(102, c, overdue=2)
    b.login(102, c, online="N", reason="Bloqueio automático", down_days=3)
    b.ticket(102, "Cliente pediu desbloqueio de confiança", "S", opened_days=20)

    b.customer(103, "Roberto Nogueira Lima", whatsapp="+55 11 9 8222 3344",
               alerta="Só atender com o titular. Não liberar desbloqueio de confiança: já "
                      "usou este mês.")
    c = b.contract(103, 2, access="CM", blocked_days=5, overdue_installments=1,
                   alert="Bloqueado a pedido do financeiro (acordo quebrado).")
    b.invoices(103, c, 2, overdue=1)
    b.login(103, c, online="N", active=False, reason="Admin-Reset", down_days=5)

    b.customer(104, "Luzia Helena Gonçalves", fone="(21) 3456-7890", city=1)
    c = b.contract(104, access="FA", overdue_installments=1)
    b.invoices(104, c, overdue=1, partial=True)
    b.login(104, c, online="S")

    b.customer(105, "Sebastião Ferreira Costa", telefone_celular="(11)99876.5432")
    b.healthy(105, online="N")
    b.service_order(105, 0, "EX", opened_days=1, tech=0,
                    message="Sem sinal desde ontem à noite. LED LOS vermelho.")
    b.service_order(105, 2, "AG", opened_days=2, scheduled_days=1, tech=1)
    b.service_order(105, 1, "F", opened_days=60, tech=2)
    b.ticket(105, "Sem conexão", "EP", opened_days=1)

    b.customer(106, "Célia Regina Moura", fone="(11) 8765-4000")
    b.healthy(106)

    b.customer(107, "Francisco das Chagas Oliveira", fone="(11) 3333-4444 / (11) 97777-8888")
    b.healthy(107)
    b.service_order(107, 1, "A", opened_days=0)

    for cid, name, column in ((108, "Helena Martins Rocha", "telefone_celular"),
                              (109, "Jorge Martins Rocha", "fone"),
                              (110, "Beatriz Martins Rocha", "whatsapp")):
        b.customer(cid, name, **{column: "(11) 96666-5555"})  # type: ignore[arg-type]
        b.healthy(cid)

    b.customer(111, "Cláudio Ramos Teixeira", telefone_celular="11955554444")
    b.healthy(111)
    b.customer(112, "Cláudio Ramos Teixeira (antigo)", active=False,
               telefone_celular="(11) 95555-4444")
    b.contract(112, status="I", access="D")

    b.customer(113, "Mônica Albuquerque", telefone_celular="(11) 94444-3333")
    b.healthy(113)
    b.customer(114, "Otávio Brandão", telefone_celular="(21) 94444-3333", city=1)
    b.healthy(114)

    b.customer(115, "Raimunda Nonata Sousa", whatsapp="94321-8765")
    b.healthy(115, online="SS")

    b.customer(116, "Padaria Pão Quente Ltda", company=True, telefone_comercial="1130304050",
               fone="(11) 3030-4051", alerta="Cliente empresarial: SLA de 4 horas.")
    b.healthy(116, plan=3)
    c = b.contract(116, 0)
    b.invoices(116, c, 0)
    b.login(116, c, online="S")
    b.ticket(116, "Solicitação de IP fixo", "N", opened_days=3)

    b.customer(117, "Vanderlei Prado", whatsapp="+55 11 9 9111 2222")
    b.healthy(117)
    b.customer(118, "Irene Batista", fone="11 . 9 9222 . 3333")
    b.healthy(118)

    b.customer(119, "Gustavo Henrique Pires", telefone_celular="(11) 99333-4444")
    b.contract(119, 0, status="P", access="AA")

    rng = b.rng
    for n in range(fillers):
        cid = 201 + n
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {rng.choice(_LAST)}"
        ddd = rng.choice(("11", "11", "11", "19", "21"))
        sub = f"9{rng.randrange(6000, 9999)}{rng.randrange(1000, 9999)}"
        shape = n % 5
        phone = (f"({ddd}) {sub[:5]}-{sub[5:]}", f"{ddd}{sub}", f"{sub[:5]}-{sub[5:]}",
                 f"+55 {ddd} {sub[0]} {sub[1:5]} {sub[5:]}", f"{ddd} {sub[:5]} {sub[5:]}")[shape]
        column = ("telefone_celular", "whatsapp", "fone", "telefone_celular", "whatsapp")[shape]
        active = n % 9 != 0
        b.customer(cid, name, active=active, city=2 if ddd == "19" else 0,
                   **{column: phone})  # type: ignore[arg-type]
        if active:
            b.healthy(cid, plan=n % 3, online=("S", "S", "N", "SS")[n % 4])
            if n % 4 == 1:
                b.service_order(cid, n % 7, "F", opened_days=30 + n)
            if n % 6 == 2:
                b.ticket(cid, "Dúvida sobre a fatura", "S", opened_days=10 + n)
    add_network(b)
    add_action_rows(b.tables, b.today)
    add_contact_rows(b.tables, b.today)
    return b.tables
