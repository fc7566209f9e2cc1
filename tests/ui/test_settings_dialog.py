from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from desktop.settings.model import IxcSettings, Sector, Settings, SipSettings
from desktop.ui.settings_dialog import SettingsDialog

GOOD = Settings(
    sip=SipSettings(server="pbx.example.com", extension="101", password="s3cret"),
    ixc=IxcSettings(url="https://ixc.example.com", token="12:abcdef"),
    sectors=(Sector(name="Suporte", transfer_to="2000"),),
)


def dialog(qtbot: QtBot, settings: Settings = GOOD) -> SettingsDialog:
    d = SettingsDialog(settings)
    qtbot.addWidget(d)
    return d


def save_enabled(d: SettingsDialog) -> bool:
    return d.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_valid_settings_can_be_saved_and_round_trip(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    assert d.error is None and save_enabled(d)
    doc = d.document()
    assert doc["sip"]["server"] == "pbx.example.com"
    assert doc["sip"]["password"] == "s3cret"
    assert doc["sectors"] == [{"name": "Suporte", "transfer_to": "2000"}]
    assert doc["audio"]["ring_volume"] == 0.8   # the audio page's values join the document
    with qtbot.waitSignal(d.save_requested) as saved:
        d.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert saved.args[0]["ixc"]["token"] == "12:abcdef"


def test_errors_show_as_the_agent_types_and_name_the_field(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    url = d.field("ixc.url")
    assert isinstance(url, QLineEdit)
    qtbot.keyClicks(url, "x")   # "https://ixc.example.comx" is still a URL
    assert d.error is None
    url.setText("ixc.example.com")
    assert d.error is not None and d.error.key == "ixc.url"
    assert 'Valor inválido para "ixc.url"' in d.error_label.text()
    assert "border" in url.styleSheet()
    assert not save_enabled(d) and not d.test_ixc_button.isEnabled()
    url.setText("https://ixc.example.com")
    assert d.error is None and save_enabled(d) and url.styleSheet() == ""


def test_range_and_format_checks_from_parse_settings(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    port = d.field("sip.port")
    assert isinstance(port, QSpinBox)
    port.setValue(70000)
    assert d.error is not None and d.error.key == "sip.port"
    port.setValue(5060)
    token = d.field("ixc.token")
    assert isinstance(token, QLineEdit)
    assert token.echoMode() == QLineEdit.EchoMode.Password
    token.setText("sem-dois-pontos")
    assert d.error is not None and d.error.key == "ixc.token"


def test_duplicate_sector_names_are_refused(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    d._add_sector()
    assert d.error is not None and d.error.key == "sectors[1].name"   # empty name
    d.sectors.item(1, 0).setText("Suporte")
    assert d.error is not None and d.error.key == "sectors[1].name"   # duplicate
    d.sectors.item(1, 0).setText("Financeiro")
    assert d.error is None
    assert [s["name"] for s in d.document()["sectors"]] == ["Suporte", "Financeiro"]


def test_connection_test_results_are_shown(qtbot: QtBot) -> None:
    d = dialog(qtbot)
    with qtbot.waitSignal(d.test_ixc_requested) as asked:
        d.test_ixc_button.click()
    assert asked.args[0].ixc.url == "https://ixc.example.com"
    assert d.ixc_result.text() == "Testando…"
    d.show_test_result("ixc", False, "O IXC recusou o token.")
    assert d.ixc_result.text() == "✗ O IXC recusou o token."
    assert d.test_ixc_button.isEnabled()
