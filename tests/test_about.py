"""The "Sobre" data: real versions from the installed packages, and every licence it cites."""

from __future__ import annotations

from desktop import __version__
from desktop.system.about import UNKNOWN, collect_about, licence_text, pjproject_version


def test_versions_come_from_the_installed_packages() -> None:
    info = collect_about()
    by_name = {c.name: c for c in info.components}
    assert info.app_version == __version__
    assert by_name["pjproject (pjsua2)"].version == "2.15.1"
    assert by_name["pjproject (pjsua2)"].licence == "GPL-2.0-or-later"
    assert by_name["Qt"].version.startswith("6.")
    for name in ("httpx", "PySide6", "sqlite-utils", "qasync", "keyring", "phonenumbers"):
        assert by_name[name].version not in ("", UNKNOWN), name


def test_every_cited_licence_file_is_shipped_and_the_gpl_notice_says_where_the_source_is() -> None:
    info = collect_about()
    for component in info.components:
        if component.licence_file:
            assert len(licence_text(component)) > 1000, component.name
    gpl = next(c for c in info.components if c.name.startswith("pjproject"))
    assert "GNU GENERAL PUBLIC LICENSE" in licence_text(gpl) and "Version 2" in licence_text(gpl)
    assert "https://github.com/pjsip/pjproject" in info.gpl_notice
    assert "2.15.1" in info.gpl_notice
    assert "pjproject (pjsua2) 2.15.1 — GPL-2.0-or-later" in info.as_text()


def test_pjproject_version_from_wheel_version() -> None:
    assert pjproject_version("2.15.1.post1") == "2.15.1"
    assert pjproject_version("2.16") == "2.16"
    assert pjproject_version(UNKNOWN) == UNKNOWN
