"""Ramal's settings: one TOML file, typed, validated with clear pt-BR messages.

The file lives in the platform's config folder (``platformdirs``, app name "Ramal") unless
``--config PATH`` says otherwise. Secrets (SIP password, IXC/OPA tokens, Discord webhooks) may be
left out of the file and kept in the OS keyring instead; :func:`resolve_secrets` fills them in.

Validation never raises anything but :class:`ConfigError`, whose message names the key and what
is expected, so the CLI and the settings dialog can show it as it is. A key or section Ramal does
not know (a typo, a key a later release renamed) is not refused: it is ignored with a warning
naming it (:attr:`Settings.warnings`, logged and shown to the agent), so the start goes on. The
file's ``version`` and its upgrade steps are in :mod:`desktop.settings.upgrades`.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import tomllib
import types
import typing
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import platformdirs

from desktop import APP_NAME
from desktop.i18n import tr
from desktop.privacy.redaction import redact_patterns
from desktop.settings.upgrades import VERSION_KEY, file_version, upgrade_document

KEYRING_SERVICE = APP_NAME

log = logging.getLogger(__name__)


class ConfigError(Exception):
    """A configuration problem, with a message fit to show the agent or the ISP's IT person."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key
        self.message = message


# longest wait for one IXC request: beyond it the card would sit empty while the caller talks
MAX_TIMEOUT_S = 120

Transport = Literal["udp", "tcp", "tls"]
Mode = Literal["softphone", "companion"]


@dataclass(frozen=True)
class SipSettings:
    server: str = ""
    port: int = 5060
    transport: Transport = "udp"
    extension: str = ""
    auth_id: str = ""
    password: str = ""
    display_name: str = ""
    registrar: str = ""
    stun: str = ""
    # softphone: Ramal plays the audio; companion: another device answers, Ramal pops the card
    mode: Mode = "softphone"
    # local address for SIP and RTP ("" = all); loopback in tests, one NIC on multi-homed PCs
    bind_address: str = ""
    # local SIP port (0 = any free port)
    local_port: int = 0
    # seconds between UDP keep-alives so NAT bindings toward the PBX stay open
    keepalive_s: int = 15
    # registration expiry asked of the registrar
    register_expires_s: int = 300

    @property
    def effective_auth_id(self) -> str:
        return self.auth_id or self.extension

    @property
    def identity_uri(self) -> str:
        return f"sip:{self.extension}@{self.server}"


@dataclass(frozen=True)
class IxcSettings:
    url: str = ""
    token: str = ""
    verify_tls: bool | str = True
    max_concurrency: int = 8  # one lookup wave (customer row + 5 sections) fits; see docs/ixc.md
    timeout_s: float = 10.0


@dataclass(frozen=True)
class OpaSettings:
    url: str = ""
    token: str = ""
    verify_tls: bool | str = True
    # WhatsApp channel (canal-comunicacao id) used to send a sector's template
    template_channel: str = ""


@dataclass(frozen=True)
class Sector:
    name: str
    transfer_to: str = ""
    ixc_ticket_sector: str = ""
    opa_department: str = ""
    discord_webhook: str = ""
    discord_role_id: str = ""
    # OPA WhatsApp template that opens a conversation when the customer has none open, and its
    # variables in the template's order (comma-separated: nome, telefone, setor, atendente, nota)
    opa_template_id: str = ""
    opa_template_variables: str = ""


@dataclass(frozen=True)
class AudioSettings:
    microphone: str = ""       # Qt device id or description; "" = system default
    speaker: str = ""
    ringer: str = ""           # separate ringing device (the PC speakers while the headset is on)
    ringtone: str = ""         # WAV path; "" = the bundled resources/ringtone.wav
    speaker_volume: float = 1.0
    microphone_volume: float = 1.0
    ring_volume: float = 0.8
    # companion mode: also ring here (off by default: the desk phone or 3CX app rings already)
    companion_ring: bool = False


DEFAULT_OUTAGE_SCRIPT = (
    "Identificamos uma falha na rede que atende a sua região e a equipe técnica já está "
    "trabalhando nela. Não é preciso abrir chamado nem reiniciar o roteador: a conexão volta "
    "sozinha assim que o reparo terminar. Seu atendimento ficou registrado junto com o da falha.")


@dataclass(frozen=True)
class OutageSettings:
    """``[outage]``: when many logins of one CTO/concentrador/transmissor drop at once."""

    enabled: bool = True
    window_min: int = 15                 # drops this close to the caller's count together
    cto_min_logins: int = 4
    cto_min_percent: int = 50
    concentrador_min_logins: int = 10
    concentrador_min_percent: int = 20
    transmissor_min_logins: int = 10
    transmissor_min_percent: int = 20
    script: str = DEFAULT_OUTAGE_SCRIPT  # what the agent reads to the caller
    noc_sector: str = ""                 # a [[sectors]] name: its Discord webhook is the NOC's
    ticket_subject: str = ""             # su_oss_assunto id of the outage record and its calls
    ticket_sector: str = ""              # su_ticket_setor id
    record_customer_id: str = ""         # IXC customer the outage record hangs on ("" = 1st caller)


@dataclass(frozen=True)
class UiSettings:
    language: Literal["pt_BR", "en"] = "pt_BR"
    popup_on_ring: bool = True


@dataclass(frozen=True)
class ThreecxSettings:
    """3CX beyond SIP. The dial codes work on any licence; ``url``/``client_id`` (XAPI) need 3CX
    Enterprise and are a supervisor's: the agent's desk works with all of them empty."""

    # queue login/logout dial codes as the PBX admin configured them (no standard value)
    queue_login_code: str = ""
    queue_logout_code: str = ""
    # warn when the agent is logged out of the queues at this local time ("08:00"; "" = never)
    shift_start: str = ""
    url: str = ""                  # https://<fqdn>[:port], Ramal appends /xapi/v1
    client_id: str = ""            # the API client's ID (a DN in 3CX)
    client_secret: str = ""        # or in the keyring: Ramal / threecx:<url>:<client_id>
    verify_tls: bool | str = True
    supervisor: bool = False       # shows the supervisor view (per queue / per agent figures)
    # seconds either side of Ramal's start time within which a 3CX recording may match a call
    match_window_s: int = 8


@dataclass(frozen=True)
class ActionsSettings:
    """Which of the card's actions this installation allows (``[actions]``); the card hides
    what is off and ``ramal action`` refuses it. They change the ISP's data: an ISP may want
    agents to read the card only."""

    trust_unlock: bool = True
    temporary_release: bool = False       # only where the ISP enabled IXC's 72 h release
    pix: bool = True
    boleto: bool = True
    whatsapp: bool = True
    sessions: bool = True
    onu: bool = True
    disconnect: bool = True
    clear_mac: bool = True
    service_order: bool = True
    # the ONU's good optical range, dBm
    onu_rx_min_dbm: float = -27.0
    onu_rx_max_dbm: float = -8.0
    onu_tx_min_dbm: float = 0.5
    onu_tx_max_dbm: float = 5.0
    # prefilled in "Abrir OS": su_oss_assunto id and sector (su_oss_chamado.setor) id
    service_order_subject: str = ""
    service_order_sector: str = ""
    # "Enviar no WhatsApp" when the customer has no open OPA conversation: an approved template
    # (on [opa] template_channel) and its variables in order (nome, fatura, valor, vencimento,
    # codigo, link); empty = only into open conversations
    whatsapp_template_id: str = ""
    whatsapp_template_variables: str = "nome,codigo"

    def enabled(self, action: str) -> bool:
        value = getattr(self, action, False)
        return value is True


@dataclass(frozen=True)
class AttendanceSettings:
    """``[attendance]``: the ticket opened during the call (issue 16)."""

    # "auto": opened as soon as the customer of an answered call is known; "click": the popup
    # offers "Abrir protocolo"; "off": the ticket is created only when the call is logged
    open_ticket: Literal["auto", "click", "off"] = "click"
    open_subject_id: str = ""          # su_oss_assunto of the open ticket ("" = first cached)
    open_ticket_sector_id: str = ""    # su_ticket_setor of the open ticket ("" = first cached)
    # a caller IXC does not know: the popup offers to register the number as a new contact,
    # "lead_opa" as an OPA contact marked lead (POST /contato), "lead_ixc" as an IXC CRM lead
    # (a contato row with lead = S); "off" does not
    unknown_caller: Literal["lead_opa", "lead_ixc", "off"] = "off"


@dataclass(frozen=True)
class ChecklistRule:
    """``[[checklist_rules]]``: a subject that needs some card sections viewed on the call."""

    subject: str                       # su_oss_assunto label, accents and case ignored
    requires: str = ""                 # comma-separated: os, financeiro, conexao


CHECKLIST_SECTIONS = ("os", "financeiro", "conexao")


@dataclass(frozen=True)
class Settings:
    sip: SipSettings = field(default_factory=SipSettings)
    ixc: IxcSettings = field(default_factory=IxcSettings)
    opa: OpaSettings = field(default_factory=OpaSettings)
    sectors: tuple[Sector, ...] = ()
    audio: AudioSettings = field(default_factory=AudioSettings)
    ui: UiSettings = field(default_factory=UiSettings)
    outage: OutageSettings = field(default_factory=OutageSettings)
    threecx: ThreecxSettings = field(default_factory=ThreecxSettings)
    actions: ActionsSettings = field(default_factory=ActionsSettings)
    attendance: AttendanceSettings = field(default_factory=AttendanceSettings)
    checklist_rules: tuple[ChecklistRule, ...] = ()
    source: Path | None = None
    # what the file holds that Ramal ignored (unknown keys...), in pt-BR for the agent
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def sector(self, name: str) -> Sector | None:
        return next((s for s in self.sectors if s.name == name), None)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "ramal.toml"


# --- validation -----------------------------------------------------------------------------

_CONTEXT = "config"


def _describe(tp: Any) -> str:
    """What a value of type ``tp`` looks like, in the words of the error message."""
    if get_origin(tp) is Literal:
        return tr(_CONTEXT, "um destes valores: {values}").format(
            values=", ".join(f'"{v}"' for v in get_args(tp))
        )
    if tp is bool:
        return tr(_CONTEXT, "true ou false")
    if tp is int:
        return tr(_CONTEXT, "um número inteiro")
    if tp is float:
        return tr(_CONTEXT, "um número")
    if tp is str:
        return tr(_CONTEXT, "um texto entre aspas")
    if _is_union(tp):
        return tr(_CONTEXT, " ou ").join(_describe(a) for a in get_args(tp))
    return str(tp)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType)


def _coerce(value: Any, tp: Any, key: str) -> Any:
    def bad() -> ConfigError:
        return ConfigError(
            tr(_CONTEXT, 'Valor inválido para "{key}": {value!r}. Esperado: {expected}.').format(
                key=key, value=value, expected=_describe(tp)
            ),
            key,
        )

    if _is_union(tp):
        for option in get_args(tp):
            try:
                return _coerce(value, option, key)
            except ConfigError:
                continue
        raise bad()
    if get_origin(tp) is Literal:
        if value in get_args(tp):
            return value
        raise bad()
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise bad()
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise bad()
    if tp is float:
        # TOML has inf and nan; no setting means either (an infinite timeout hangs the desk)
        if (isinstance(value, int | float) and not isinstance(value, bool)
                and math.isfinite(value)):
            return float(value)
        raise bad()
    if tp is str:
        if isinstance(value, str):
            return value
        raise bad()
    raise bad()  # pragma: no cover - a field type this module does not know


def _build(cls: type[Any], table: Any, prefix: str, warnings: list[str]) -> Any:
    if not isinstance(table, Mapping):
        raise ConfigError(
            tr(_CONTEXT, 'A seção "{key}" deve ser uma tabela TOML ([{key}]).').format(key=prefix),
            prefix,
        )
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    values: dict[str, Any] = {}
    for name, value in table.items():
        key = f"{prefix}.{name}"
        if name not in fields:
            known = ", ".join(sorted(fields))
            warnings.append(
                tr(_CONTEXT, 'Chave desconhecida "{key}" ignorada. Chaves aceitas em [{section}]: '
                             '{known}.').format(key=key, section=prefix.split("[")[0],
                                                known=known))
            continue
        values[name] = _coerce(value, hints[name], key)
    missing = [
        n for n, f in fields.items()
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        and n not in values
    ]
    if missing:
        key = f"{prefix}.{missing[0]}"
        raise ConfigError(tr(_CONTEXT, 'Falta a chave obrigatória "{key}".').format(key=key), key)
    return cls(**values)


def _check_range(ok: bool, key: str, expected: str) -> None:
    if not ok:
        raise ConfigError(
            tr(_CONTEXT, 'Valor inválido para "{key}". Esperado: {expected}.').format(
                key=key, expected=expected
            ),
            key,
        )


def _check_sip(sip: SipSettings) -> None:
    _check_range(1 <= sip.port <= 65535, "sip.port", tr(_CONTEXT, "uma porta entre 1 e 65535"))
    _check_range(0 <= sip.local_port <= 65535, "sip.local_port",
                 tr(_CONTEXT, "uma porta entre 0 e 65535 (0 = qualquer)"))
    _check_range(sip.keepalive_s >= 0, "sip.keepalive_s", tr(_CONTEXT, "segundos, 0 ou mais"))
    _check_range(sip.register_expires_s >= 30, "sip.register_expires_s",
                 tr(_CONTEXT, "segundos, 30 ou mais"))
    for key, value in (("sip.server", sip.server), ("sip.extension", sip.extension)):
        if any(c.isspace() for c in value) or "@" in value:
            _check_range(False, key, tr(_CONTEXT, "sem espaços nem @"))
    if sip.registrar and not sip.registrar.startswith(("sip:", "sips:")):
        _check_range(False, "sip.registrar", tr(_CONTEXT, 'um endereço "sip:host:porta"'))


LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def is_loopback_host(host: str) -> bool:
    """This PC itself: where the simulators and the demo run, so plain http carries nothing."""
    return host.lower() in LOOPBACK_HOSTS or host.startswith("127.")


def _check_secret_url(url: str, key: str) -> urllib.parse.SplitResult:
    """A URL that carries a token (IXC, OPA, Discord): https, or http to this PC only.

    A token sent over plain http can be read by anyone on the path (the ISP's LAN, a Wi-Fi) and
    reused, so there is no opt-in for it: a server without TLS goes behind a TLS proxy, and a
    private CA goes in ``verify_tls``.
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        parts, host = urllib.parse.urlsplit(""), ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host or url != url.strip():
        _check_range(False, key, tr(_CONTEXT, 'um endereço começando com "https://"'))
    if scheme == "http" and not is_loopback_host(host):
        raise ConfigError(
            tr(_CONTEXT, 'Endereço inseguro em "{key}": com "http://" o token viaja sem '
                         'criptografia e qualquer um na rede pode copiá-lo. Use "https://" '
                         '("http://" só é aceito para 127.0.0.1 ou localhost).').format(key=key),
            key,
        )
    return parts


def _check_ixc(ixc: IxcSettings) -> None:
    if ixc.url:
        _check_secret_url(ixc.url, "ixc.url")
    if ixc.token and ":" not in ixc.token:
        _check_range(False, "ixc.token",
                     tr(_CONTEXT, 'o token como o IXC mostra: "<id do usuário>:<hash>"'))
    _check_range(1 <= ixc.max_concurrency <= 16, "ixc.max_concurrency",
                 tr(_CONTEXT, "um número entre 1 e 16"))
    _check_range(0 < ixc.timeout_s <= MAX_TIMEOUT_S, "ixc.timeout_s",
                 tr(_CONTEXT, "segundos, mais que 0 e no máximo {limit}").format(
                     limit=MAX_TIMEOUT_S))


def _check_opa(opa: OpaSettings) -> None:
    if opa.url:
        _check_secret_url(opa.url, "opa.url")


# /api/webhooks/<id>/<token>, optionally versioned (/api/v10/...), as Discord shows it
_WEBHOOK_PATH = re.compile(r"^/api(?:/v\d+)?/webhooks/\d+/[A-Za-z0-9_\-]+/?$")


OPA_TEMPLATE_VARIABLES = ("nome", "telefone", "setor", "atendente", "nota")
# a payment template's variables (desktop/forward/whatsapp_payment.py fills them)
WHATSAPP_TEMPLATE_VARIABLES = ("nome", "fatura", "valor", "vencimento", "codigo", "link")


def _check_sectors(sectors: tuple[Sector, ...]) -> None:
    for i, sector in enumerate(sectors):
        names = [v.strip() for v in sector.opa_template_variables.split(",") if v.strip()]
        for name in names:
            _check_range(name in OPA_TEMPLATE_VARIABLES, f"sectors[{i}].opa_template_variables",
                         tr(_CONTEXT, "nomes separados por vírgula entre: {names}").format(
                             names=", ".join(OPA_TEMPLATE_VARIABLES)))
        if sector.discord_webhook:
            check_discord_webhook(sector.discord_webhook, f"sectors[{i}].discord_webhook")
        _check_range(not sector.discord_role_id or sector.discord_role_id.isdigit(),
                     f"sectors[{i}].discord_role_id",
                     tr(_CONTEXT, "o número (ID) do cargo no Discord"))


def check_discord_webhook(url: str, key: str) -> None:
    """A webhook URL as Discord's channel settings copy it (its query, e.g. ``thread_id``, kept).

    Public so that a webhook read from the keyring, which :func:`parse_settings` never sees,
    can be checked where it is used.
    """
    parts = _check_secret_url(url, key)
    if not _WEBHOOK_PATH.match(parts.path):
        _check_range(False, key, tr(
            _CONTEXT, 'o endereço do webhook como o Discord mostra: '
                      '"https://discord.com/api/webhooks/<número>/<token>"'))


_DIAL_CODE = re.compile(r"^[0-9*#]{1,16}$")
_CLOCK_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _check_threecx(threecx: ThreecxSettings) -> None:
    for key in ("queue_login_code", "queue_logout_code"):
        value = getattr(threecx, key)
        _check_range(not value or bool(_DIAL_CODE.match(value)), f"threecx.{key}",
                     tr(_CONTEXT, 'um código de discagem com dígitos, * e # (ex.: "*62")'))
    _check_range(not threecx.shift_start or bool(_CLOCK_TIME.match(threecx.shift_start)),
                 "threecx.shift_start", tr(_CONTEXT, 'um horário "HH:MM" (ex.: "08:00")'))
    if threecx.url:
        _check_secret_url(threecx.url, "threecx.url")
        _check_range(bool(threecx.client_id), "threecx.client_id",
                     tr(_CONTEXT, "o Client ID do cliente de API do 3CX (com threecx.url)"))
    _check_range(1 <= threecx.match_window_s <= 120, "threecx.match_window_s",
                 tr(_CONTEXT, "segundos, entre 1 e 120"))


def _check_audio(audio: AudioSettings) -> None:
    for key in ("speaker_volume", "microphone_volume", "ring_volume"):
        value = getattr(audio, key)
        _check_range(0.0 <= value <= 1.0, f"audio.{key}", tr(_CONTEXT, "um número entre 0 e 1"))


def _check_outage(outage: OutageSettings, sectors: tuple[Sector, ...]) -> None:
    _check_range(1 <= outage.window_min <= 240, "outage.window_min",
                 tr(_CONTEXT, "um número de minutos entre 1 e 240"))
    for scope in ("cto", "concentrador", "transmissor"):
        _check_range(getattr(outage, f"{scope}_min_logins") >= 1, f"outage.{scope}_min_logins",
                     tr(_CONTEXT, "um número inteiro, 1 ou mais"))
        _check_range(1 <= getattr(outage, f"{scope}_min_percent") <= 100,
                     f"outage.{scope}_min_percent", tr(_CONTEXT, "um número entre 1 e 100"))
    if outage.noc_sector and outage.noc_sector not in {s.name for s in sectors}:
        _check_range(False, "outage.noc_sector",
                     tr(_CONTEXT, "o nome de um dos [[sectors]] (o canal do NOC/plantão)"))


def _check_actions(actions: ActionsSettings) -> None:
    _check_range(actions.onu_rx_min_dbm < actions.onu_rx_max_dbm, "actions.onu_rx_max_dbm",
                 tr(_CONTEXT, "um valor maior que actions.onu_rx_min_dbm"))
    _check_range(actions.onu_tx_min_dbm < actions.onu_tx_max_dbm, "actions.onu_tx_max_dbm",
                 tr(_CONTEXT, "um valor maior que actions.onu_tx_min_dbm"))
    for name in (v.strip() for v in actions.whatsapp_template_variables.split(",")):
        _check_range(not name or name in WHATSAPP_TEMPLATE_VARIABLES,
                     "actions.whatsapp_template_variables",
                     tr(_CONTEXT, "nomes separados por vírgula entre: {names}").format(
                         names=", ".join(WHATSAPP_TEMPLATE_VARIABLES)))


def _check_attendance(attendance: AttendanceSettings) -> None:
    # an IXC row id: anything else is refused by IXC only when the first protocol is opened
    for key in ("open_subject_id", "open_ticket_sector_id"):
        value = getattr(attendance, key)
        _check_range(not value or (value.isascii() and value.isdigit()), f"attendance.{key}",
                     tr(_CONTEXT, "o número (id) no IXC, ou vazio para o primeiro"))


_SECTIONS: dict[str, type[Any]] = {
    "sip": SipSettings,
    "ixc": IxcSettings,
    "opa": OpaSettings,
    "audio": AudioSettings,
    "ui": UiSettings,
    "outage": OutageSettings,
    "threecx": ThreecxSettings,
    "actions": ActionsSettings,
    "attendance": AttendanceSettings,
}


def _checklist_rules(table: Any, found: list[str]) -> tuple[ChecklistRule, ...]:
    if not isinstance(table, list):
        raise ConfigError(tr(_CONTEXT, "Use [[checklist_rules]] para cada regra (uma lista de "
                                       "tabelas)."), "checklist_rules")
    rules = tuple(_build(ChecklistRule, item, f"checklist_rules[{i}]", found)
                  for i, item in enumerate(table))
    for i, rule in enumerate(rules):
        _check_range(bool(rule.subject.strip()), f"checklist_rules[{i}].subject",
                     tr(_CONTEXT, "o nome de um assunto do IXC"))
        words = [w.strip() for w in rule.requires.split(",") if w.strip()]
        unknown = [w for w in words
                   if w.casefold().replace("ã", "a") not in CHECKLIST_SECTIONS]
        expected = tr(_CONTEXT, "seções separadas por vírgula: os, financeiro, conexao")
        if unknown:
            # the word at fault named: in a long list it is not obvious which one it is
            expected = tr(_CONTEXT, '{expected} ("{word}" não é uma delas)').format(
                expected=expected, word=unknown[0])
        _check_range(bool(words) and not unknown, f"checklist_rules[{i}].requires", expected)
    return rules


def parse_settings(data: Mapping[str, Any], source: Path | None = None,
                   warnings: Sequence[str] = ()) -> Settings:
    """Build :class:`Settings` from a parsed TOML document, or raise :class:`ConfigError`.

    ``warnings``: found before (the upgrade's), kept in front of the unknown keys'.
    """
    values: dict[str, Any] = {}
    found = list(warnings)
    for name, table in data.items():
        if name == VERSION_KEY:
            try:
                file_version(data)
            except ValueError:
                _check_range(False, VERSION_KEY, tr(_CONTEXT, "um número inteiro, 0 ou mais"))
        elif name == "sectors":
            if not isinstance(table, list):
                raise ConfigError(
                    tr(_CONTEXT, 'Use [[sectors]] para cada setor (uma lista de tabelas).'),
                    "sectors",
                )
            sectors = tuple(
                _build(Sector, item, f"sectors[{i}]", found) for i, item in enumerate(table)
            )
            names = [s.name for s in sectors]
            for i, n in enumerate(names):
                if not n.strip() or n in names[:i]:
                    _check_range(False, f"sectors[{i}].name",
                                 tr(_CONTEXT, "um nome de setor único e não vazio"))
            values["sectors"] = sectors
        elif name == "checklist_rules":
            values[name] = _checklist_rules(table, found)
        elif name in _SECTIONS:
            values[name] = _build(_SECTIONS[name], table, name, found)
        else:
            known = ", ".join([*sorted(_SECTIONS), "sectors", "checklist_rules"])
            found.append(
                tr(_CONTEXT, 'Seção desconhecida "{key}" ignorada. Seções aceitas: {known}.')
                .format(key=name, known=known))
    settings = Settings(source=source, warnings=tuple(found), **values)
    _check_sip(settings.sip)
    _check_ixc(settings.ixc)
    _check_opa(settings.opa)
    _check_audio(settings.audio)
    _check_sectors(settings.sectors)
    _check_outage(settings.outage, settings.sectors)
    _check_threecx(settings.threecx)
    _check_actions(settings.actions)
    _check_attendance(settings.attendance)
    return settings


def load_settings(path: Path | None = None) -> Settings:
    """Read and validate the TOML file at ``path`` (default: the platform's config folder)."""
    path = path or default_config_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(
            tr(_CONTEXT, "Arquivo de configuração não encontrado: {path}").format(path=path)
        ) from None
    except OSError as exc:
        raise ConfigError(
            tr(_CONTEXT, "Não foi possível ler {path}: {reason}").format(
                path=path, reason=exc.strerror or exc
            )
        ) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(
            tr(_CONTEXT, "{path} não está em UTF-8.").format(path=path)
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            tr(_CONTEXT, "{path} não é um TOML válido: {reason}").format(path=path, reason=exc)
        ) from None
    try:
        file_version(data)
    except ValueError:
        _check_range(False, VERSION_KEY, tr(_CONTEXT, "um número inteiro, 0 ou mais"))
    # older files are brought up to date before validation: a renamed key is not "unknown"
    settings = parse_settings(data, source=path, warnings=upgrade_document(data))
    for warning in settings.warnings:
        log.warning("%s: %s", path, warning)
    return settings


# --- secrets ------------------------------------------------------------------------------------

SecretReader = Callable[[str, str], str | None]


def keyring_reader() -> SecretReader:
    """A reader backed by the OS keyring; a missing or broken keyring reads as "no secret"."""

    def read(service: str, key: str) -> str | None:
        try:
            import keyring
            from keyring.errors import KeyringError

            try:
                value: str | None = keyring.get_password(service, key)
                return value
            except KeyringError:
                return None
        except Exception:  # a headless box may have no usable keyring backend at all
            return None

    return read


def secret_key_sip(sip: SipSettings) -> str:
    return f"sip:{sip.effective_auth_id}@{sip.server}"


def secret_key_ixc(ixc: IxcSettings) -> str:
    return f"ixc:{ixc.url}"


def secret_key_opa(opa: OpaSettings) -> str:
    return f"opa:{opa.url}"


def secret_key_discord(sector: Sector) -> str:
    return f"discord:{sector.name}"


def secret_key_threecx(threecx: ThreecxSettings) -> str:
    return f"threecx:{threecx.url}:{threecx.client_id}"


def resolve_secrets(settings: Settings, read: SecretReader | None = None) -> Settings:
    """Fill empty secret fields from the keyring; values written in the file win."""
    read = read or keyring_reader()

    def fill(current: str, key: str) -> str:
        return current or read(KEYRING_SERVICE, key) or ""

    sip = dataclasses.replace(
        settings.sip, password=fill(settings.sip.password, secret_key_sip(settings.sip))
    )
    ixc = settings.ixc
    if ixc.url:
        ixc = dataclasses.replace(ixc, token=fill(ixc.token, secret_key_ixc(ixc)))
    opa = settings.opa
    if opa.url:
        opa = dataclasses.replace(opa, token=fill(opa.token, secret_key_opa(opa)))
    sectors = tuple(
        dataclasses.replace(s, discord_webhook=fill(s.discord_webhook, secret_key_discord(s)))
        for s in settings.sectors
    )
    threecx = settings.threecx
    if threecx.url and threecx.client_id:
        threecx = dataclasses.replace(
            threecx, client_secret=fill(threecx.client_secret, secret_key_threecx(threecx)))
    return dataclasses.replace(settings, sip=sip, ixc=ixc, opa=opa, sectors=sectors,
                               threecx=threecx)


def require_sip(settings: Settings) -> None:
    """Raise :class:`ConfigError` unless the [sip] section can register an extension."""
    for key in ("server", "extension"):
        if not getattr(settings.sip, key):
            raise ConfigError(
                tr(_CONTEXT, 'Falta a chave obrigatória "{key}".').format(key=f"sip.{key}"),
                f"sip.{key}",
            )
    if not settings.sip.password:
        raise ConfigError(
            tr(_CONTEXT, 'Falta a senha do ramal: "sip.password" no arquivo ou no chaveiro do '
                         'sistema ({service} / {key}).').format(
                service=KEYRING_SERVICE, key=secret_key_sip(settings.sip)
            ),
            "sip.password",
        )


def require_ixc(settings: Settings) -> None:
    """Raise :class:`ConfigError` unless the [ixc] section can reach a tenant."""
    if not settings.ixc.url:
        raise ConfigError(
            tr(_CONTEXT, 'Falta a chave obrigatória "{key}".').format(key="ixc.url"), "ixc.url"
        )
    if not settings.ixc.token:
        raise ConfigError(
            tr(_CONTEXT, 'Falta o token do IXC: "ixc.token" no arquivo ou no chaveiro do '
                         'sistema ({service} / {key}).').format(
                service=KEYRING_SERVICE, key=secret_key_ixc(settings.ixc)
            ),
            "ixc.token",
        )


def redact(text: str, settings: Settings) -> str:
    """Remove every configured secret from ``text`` (for logs and diagnostic exports): first by
    exact value, then by shape (:mod:`desktop.privacy.redaction`), for the secrets that reach the
    text spelled differently from the configuration (``HTTP://``, an added query...)."""
    secrets = [settings.sip.password, settings.ixc.token, settings.opa.token,
               settings.threecx.client_secret]
    secrets += [s.discord_webhook for s in settings.sectors]
    if settings.ixc.token and ":" in settings.ixc.token:
        secrets.append(settings.ixc.token.split(":", 1)[1])
    for secret in sorted((s for s in secrets if len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, "***")
    return redact_patterns(text)
