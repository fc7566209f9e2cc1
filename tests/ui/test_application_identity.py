"""The application's names: Qt's per-app folders are the ones platformdirs gives the config,
database and logs, and the windows belong to ramal.desktop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

from desktop.app.startup import configure_application
from desktop.settings.model import default_config_path
from desktop.store.database import default_database_path
from desktop.system.logging_setup import default_log_dir

Location = QStandardPaths.StandardLocation


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    before = (qapp.applicationName(), qapp.applicationVersion(), qapp.organizationName(),
              qapp.organizationDomain(), qapp.desktopFileName())
    configure_application(qapp)
    yield qapp
    for setter, value in zip((qapp.setApplicationName, qapp.setApplicationVersion,
                              qapp.setOrganizationName, qapp.setOrganizationDomain,
                              qapp.setDesktopFileName), before, strict=True):
        setter(value)


def test_names(app: QApplication) -> None:
    from desktop import __version__

    assert app.applicationName() == "Ramal" and app.applicationVersion() == __version__
    assert app.desktopFileName() == "ramal"   # packaging/linux/ramal.desktop
    assert app.organizationName() == ""


def test_qt_and_platformdirs_agree_on_the_folders(app: QApplication) -> None:
    def qt(location: Location) -> Path:
        return Path(QStandardPaths.writableLocation(location))

    assert qt(Location.AppConfigLocation) == default_config_path().parent
    assert qt(Location.AppLocalDataLocation) == default_database_path().parent
    assert qt(Location.AppLocalDataLocation) == Path(
        platformdirs.user_data_dir("Ramal", appauthor=False))
    assert qt(Location.CacheLocation) == Path(
        platformdirs.user_cache_dir("Ramal", appauthor=False))
    # Qt has no log location; the logs sit in platformdirs' state/log folder of the same name
    assert "Ramal" in default_log_dir().parts
