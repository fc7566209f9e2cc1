"""Translation entry point usable from domain code.

Source strings are Brazilian Portuguese (the product's first language); English and other
languages come from Qt ``.qm`` catalogues. Domain modules must stay importable without a Qt
application, so Qt is imported lazily and, when absent, the source text is returned unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

_translate: Callable[[str, str], str] | None = None


def _load() -> Callable[[str, str], str]:
    try:
        from PySide6.QtCore import QCoreApplication
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency of the app
        return lambda _context, text: text
    return lambda context, text: QCoreApplication.translate(context, text)


def tr(context: str, text: str) -> str:
    """Translate ``text`` (pt-BR source) in ``context``; a no-op until a translator is installed."""
    global _translate
    if _translate is None:
        _translate = _load()
    return _translate(context, text)


def N_(context: str, text: str) -> str:
    """Mark ``text`` for the catalogue where a table defines it; translate it with ``tr`` at
    display time (Qt's ``QT_TRANSLATE_NOOP``). Returns ``text`` unchanged, so tables keep their
    pt-BR source and a translator installed after import still takes effect."""
    del context  # read by resources/i18n/update_catalogue.py, not at run time
    return text
