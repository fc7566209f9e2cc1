"""What can go wrong talking to 3CX's XAPI, each with a pt-BR message the desk shows as it is.

The message never carries the token or the client secret; the OData body's ``message`` is kept
(short, it names what 3CX refused, e.g. ``WARNINGS.XAPI.FILE_NOT_FOUND``) after redaction.
"""

from __future__ import annotations

from desktop.i18n import tr

_CONTEXT = "threecx"


class XapiError(Exception):
    """Base: ``str(error)`` is the pt-BR sentence for the agent or supervisor."""

    def __init__(self, message: str, status: int | None = None, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code


class XapiAuthError(XapiError):
    """The token endpoint refused the client ID/secret, or a fresh token was refused too."""


class XapiForbiddenError(XapiError):
    """403: the API client's role may not do this (System Admin instead of System Owner...)."""


class XapiUnavailableError(XapiError):
    """Network, TLS, timeout, 5xx, 504 on a too large range: try later or narrow the period."""


class XapiBadResponseError(XapiError):
    """A reply Ramal cannot read (not JSON, not the documented shape)."""


class XapiNotFoundError(XapiError):
    """404, or 3CX's FILE_NOT_FOUND for a recording."""


def auth_failed() -> XapiAuthError:
    return XapiAuthError(tr(_CONTEXT, "O 3CX recusou o Client ID ou a chave de API. Confira "
                                      "[threecx] client_id e a chave no chaveiro (Integrações → "
                                      "API no console do 3CX)."), 401)


def forbidden(what: str) -> XapiForbiddenError:
    return XapiForbiddenError(tr(_CONTEXT, "O cliente de API do 3CX não tem permissão para "
                                           "{what}. Peça ao administrador a função System Owner "
                                           "para esse cliente.").format(what=what), 403)


def too_large() -> XapiUnavailableError:
    return XapiUnavailableError(tr(_CONTEXT, "O 3CX demorou demais para responder (504): "
                                             "escolha um período menor."), 504)


def unreachable(detail: str) -> XapiUnavailableError:
    return XapiUnavailableError(tr(_CONTEXT, "Não foi possível falar com o 3CX: {detail}.")
                                .format(detail=detail))


def bad_response(detail: str) -> XapiBadResponseError:
    return XapiBadResponseError(tr(_CONTEXT, "O 3CX respondeu algo que o Ramal não entende "
                                             "({detail}).").format(detail=detail))


def timed_out() -> XapiUnavailableError:
    return XapiUnavailableError(tr(_CONTEXT, "O 3CX não respondeu a tempo. Tente de novo em "
                                             "instantes."))


def not_found(what: str) -> XapiNotFoundError:
    return XapiNotFoundError(tr(_CONTEXT, "O 3CX não encontrou {what}.").format(what=what), 404)
