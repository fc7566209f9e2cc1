"""Loading the interface language: Ramal's own catalogue and Qt's (dialog buttons, shortcuts).

Source strings are pt-BR, so pt-BR needs Ramal's catalogue only for nothing; it still loads Qt's
own pt_BR catalogue so standard buttons read "Cancelar". Other languages load
``resources/i18n/ramal_<lang>.qm``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.ui.icons import RESOURCES

I18N = RESOURCES / "i18n"
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> list[str]:
    """Install the catalogues for ``language`` ("pt_BR", "en"); return the ones that loaded."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    loaded: list[str] = []
    QLocale.setDefault(QLocale(language))
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_",
               QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
        loaded.append(f"qtbase_{language}")
    own = QTranslator(app)
    if language != "pt_BR" and own.load(str(I18N / f"ramal_{language}.qm")):
        app.installTranslator(own)
        _installed.append(own)
        loaded.append(f"ramal_{language}")
    return loaded
