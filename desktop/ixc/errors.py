"""Everything that can go wrong talking to IXC, as typed errors with pt-BR messages.

IXC mostly answers HTTP 200 even when it fails (a ``{"type":"error"}`` object, a red HTML box, PHP
notices in front of the JSON); a wrong URL lands on the login page; self-signed certificates are
common. Each shape gets its own class so callers can react (exit code 4, a retry, a section
error on the card) and the message says what to do, never showing the token.
"""

from __future__ import annotations

from desktop.i18n import tr

_CONTEXT = "ixc.errors"


class IxcError(Exception):
    """Base class; ``message`` is ready to show to an agent or the ISP's IT person."""

    #: True when IXC cannot be used at all (unreachable, wrong URL, token refused, TLS)
    fatal: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class IxcUnreachableError(IxcError):
    fatal = True

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(tr(_CONTEXT, "Não foi possível conectar ao IXC em {url}: {reason}.")
                         .format(url=url, reason=reason))


class IxcTimeoutError(IxcError):
    def __init__(self, url: str, timeout_s: float) -> None:
        super().__init__(tr(_CONTEXT, "O IXC em {url} não respondeu em {seconds:g} s.")
                         .format(url=url, seconds=timeout_s))


class IxcTlsError(IxcError):
    fatal = True

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(tr(
            _CONTEXT,
            "O certificado TLS do IXC em {url} não foi aceito ({reason}). Se o provedor usa "
            'um certificado próprio, informe a CA em [ixc] verify_tls = "/caminho/para/ca.pem" '
            "(ou, sem verificação e menos seguro, verify_tls = false).",
        ).format(url=url, reason=reason))


class IxcAuthError(IxcError):
    fatal = True

    def __init__(self) -> None:
        super().__init__(tr(
            _CONTEXT,
            "O IXC recusou o token (HTTP 401). Confira ixc.token (\"<id do usuário>:<hash>\") "
            "e se o usuário tem acesso ao webservice liberado.",
        ))


class IxcWrongUrlError(IxcError):
    fatal = True

    def __init__(self, url: str) -> None:
        super().__init__(tr(
            _CONTEXT,
            "O endereço {url} devolveu uma página HTML (a tela de login do IXC?) em vez do "
            "webservice. Confira ixc.url: use só o endereço do IXC, sem /webservice/v1.",
        ).format(url=url))


class IxcServerError(IxcError):
    def __init__(self, status: int) -> None:
        super().__init__(tr(_CONTEXT, "O servidor do IXC falhou (HTTP {status}). Tente de novo "
                                      "em instantes.").format(status=status))
        self.status = status


class IxcHtmlError(IxcError):
    """IXC's red box: usually an unknown column or filter this IXC version does not have."""

    def __init__(self, table: str) -> None:
        super().__init__(tr(
            _CONTEXT,
            "O IXC respondeu \"Ocorreu um erro ao processar\" ao consultar {table} (campo ou "
            "filtro que esta versão do IXC não conhece?).",
        ).format(table=table))
        self.table = table


class IxcApiError(IxcError):
    """``{"type": "error", "message": ...}``: IXC said no, in its own words."""

    def __init__(self, table: str, ixc_message: str) -> None:
        text = ixc_message.replace("<br />", "; ").replace("<br>", "; ").strip("; ")
        super().__init__(tr(_CONTEXT, "O IXC recusou a operação em {table}: {message}")
                         .format(table=table, message=text))
        self.table = table
        self.ixc_message = text


class IxcBadResponseError(IxcError):
    def __init__(self, table: str, detail: str) -> None:
        super().__init__(tr(_CONTEXT, "Resposta inesperada do IXC ao consultar {table}: "
                                      "{detail}").format(table=table, detail=detail))


class IxcSearchTextError(IxcError):
    """The search box's text cannot be searched (too short, an invalid CPF...): no request
    was made; ``message`` tells the agent what to type."""


class IxcCustomerNotFoundError(IxcError):
    """``record_for`` asked for a customer id IXC does not have (deleted since the search?)."""

    def __init__(self, customer_id: str) -> None:
        super().__init__(tr(_CONTEXT, "O cliente {id} não foi encontrado no IXC.")
                         .format(id=customer_id))
        self.customer_id = customer_id


class IxcDeadlineError(IxcTimeoutError):
    """A request (or a lookup's section) ran past its overall deadline: a server trickling its
    answer a byte at a time never trips the per-read timeout, so the whole exchange is bounded."""

    def __init__(self, seconds: float) -> None:
        IxcError.__init__(self, tr(_CONTEXT, "IXC não respondeu a tempo ({seconds:g} s).")
                          .format(seconds=seconds))
        self.seconds = seconds


class IxcResponseTooLargeError(IxcError):
    """The answer (decompressed) passed the size cap: reading stopped there, so a gzip bomb or
    a server ignoring ``rp`` cannot exhaust the agent's memory."""

    def __init__(self, table: str, limit_bytes: int) -> None:
        super().__init__(tr(
            _CONTEXT,
            "O IXC mandou uma resposta grande demais ao consultar {table} (mais de {mb:g} MB); "
            "a leitura foi interrompida.",
        ).format(table=table, mb=round(limit_bytes / 1_000_000, 1)))
        self.table = table


class IxcRedirectError(IxcError):
    """HTTP 3xx: never followed, so the token (in the Authorization header) cannot reach another
    host; usually ixc.url is http:// on a server that moved to https://."""

    fatal = True

    def __init__(self, url: str, status: int, location: str) -> None:
        super().__init__(tr(
            _CONTEXT,
            "O IXC em {url} redirecionou para outro endereço (HTTP {status} → {location}). "
            "Ramal não segue redirecionamentos, para não enviar o token a outro servidor: "
            "confira ixc.url (http ou https?).",
        ).format(url=url, status=status, location=location or "?"))
        self.location = location


# Failures that need a person (settings, IXC's own validation): retrying alone will not help.
# Anything else (timeout, connection lost, 5xx, garbage) may have happened after IXC wrote, so
# a writer looks at IXC's state before trying again.
NEEDS_A_PERSON: tuple[type[IxcError], ...] = (
    IxcApiError, IxcAuthError, IxcHtmlError, IxcWrongUrlError, IxcTlsError)
