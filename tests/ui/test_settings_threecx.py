"""The "3CX" page of "Configurações": dial codes, shift start, XAPI address, client ID and key,
the supervisor switch. Saving edits the IT person's commented file in place and sends the XAPI
key (a supervisor's secret) to the secret store, never to the file."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from desktop.desk.settings_flow import SettingsFlow, restart_needed_for
from desktop.settings.model import (
    Settings,
    SipSettings,
    ThreecxSettings,
    load_settings,
    resolve_secrets,
)
from desktop.settings.toml_file import MemorySecretStore
from desktop.ui.settings_dialog import SettingsDialog

SECRET = "xapi-s3cr3t-0123456789"

COMMENTED = """\
# Ramal da central — TI do provedor
version = 1

[sip]
server = "pbx.example.com"
extension = "201"

# códigos definidos pelo admin do 3CX (não são padrão)
[threecx]
queue_login_code = "*62"   # entrar nas filas
queue_logout_code = "*63"
"""


def _line(dialog: SettingsDialog, key: str) -> QLineEdit:
    widget = dialog.field(key)
    assert isinstance(widget, QLineEdit)
    return widget


def _flow(qtbot: QtBot, tmp_path: Path) -> tuple[SettingsFlow, MemorySecretStore, Path]:
    path = tmp_path / "ramal.toml"
    path.write_text(COMMENTED, encoding="utf-8")
    settings = load_settings(path)
    window = QWidget()
    qtbot.addWidget(window)
    store = MemorySecretStore()
    flow = SettingsFlow(settings, window, store, path, spawn=lambda _coro: None)
    return flow, store, path


def test_the_threecx_page_saves_to_the_file_and_the_key_to_the_secret_store(
        qtbot: QtBot, tmp_path: Path) -> None:
    flow, store, path = _flow(qtbot, tmp_path)
    flow.open()
    dialog = flow.dialog
    assert dialog is not None
    assert _line(dialog, "threecx.queue_login_code").text() == "*62"
    key = _line(dialog, "threecx.client_secret")
    assert key.echoMode() is QLineEdit.EchoMode.Password
    _line(dialog, "threecx.queue_login_code").setText("*720")
    _line(dialog, "threecx.shift_start").setText("07:30")
    _line(dialog, "threecx.url").setText("https://pbx.provedor.com.br:5001")
    _line(dialog, "threecx.client_id").setText("ramal-api")
    key.setText(SECRET)
    supervisor = dialog.field("threecx.supervisor")
    assert isinstance(supervisor, QCheckBox)
    supervisor.setChecked(True)
    assert dialog.error is None
    with qtbot.waitSignal(flow.settings_changed) as changed:
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    text = path.read_text(encoding="utf-8")
    assert SECRET not in text and "client_secret" not in text
    lines = text.splitlines()
    # the admin's comments stay where they were, the edited value in place
    assert "# códigos definidos pelo admin do 3CX (não são padrão)" in lines
    assert 'queue_login_code = "*720"   # entrar nas filas' in lines
    saved = tomllib.loads(text)["threecx"]
    assert saved == {"queue_login_code": "*720", "queue_logout_code": "*63",
                     "shift_start": "07:30", "url": "https://pbx.provedor.com.br:5001",
                     "client_id": "ramal-api", "supervisor": True}
    assert store.values == {"threecx:https://pbx.provedor.com.br:5001:ramal-api": SECRET}
    # the file plus the store give back what the agent typed
    reread = resolve_secrets(load_settings(path), read=lambda _svc, k: store.values.get(k))
    assert reread.threecx.client_secret == SECRET and reread.threecx.supervisor
    # the live settings carry it at once; the XAPI connection needs the restart
    old, new = changed.args
    assert new.threecx.queue_login_code == "*720" and new.threecx.client_secret == SECRET
    assert "a nova conexão com o 3CX" in restart_needed_for(old, new)


def test_the_threecx_page_validates_with_the_settings_messages(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(sip=SipSettings(server="pbx.example.com",
                                                     extension="201")))
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    code = _line(dialog, "threecx.queue_login_code")
    code.setText("*62 entrar")
    assert dialog.error is not None and dialog.error.key == "threecx.queue_login_code"
    assert "código de discagem" in dialog.error_label.text()
    assert "border" in code.styleSheet() and not save.isEnabled()
    code.setText("*62")
    _line(dialog, "threecx.shift_start").setText("8h")
    assert dialog.error is not None and dialog.error.key == "threecx.shift_start"
    assert "HH:MM" in dialog.error_label.text()
    _line(dialog, "threecx.shift_start").setText("08:00")
    _line(dialog, "threecx.url").setText("https://pbx.example.com")
    assert dialog.error is not None and dialog.error.key == "threecx.client_id"
    _line(dialog, "threecx.client_id").setText("ramal-api")
    window = dialog.field("threecx.match_window_s")
    assert isinstance(window, QSpinBox)
    window.setValue(500)
    assert dialog.error is not None and dialog.error.key == "threecx.match_window_s"
    window.setValue(8)
    assert dialog.error is None and save.isEnabled()


def test_dial_codes_and_shift_apply_without_a_restart() -> None:
    old = Settings(threecx=ThreecxSettings(queue_login_code="*62", queue_logout_code="*63"))
    new = Settings(threecx=ThreecxSettings(queue_login_code="*720", queue_logout_code="*721",
                                           shift_start="08:00", match_window_s=10))
    assert restart_needed_for(old, new) == []
