"""``[attendance]`` and ``[[checklist_rules]]`` as the settings dialog edits them: what the
validation refuses (with the word at fault named), and the file edited in place (comments and
keys Ramal does not know kept, rules matched by position, the last one removed)."""

from __future__ import annotations

import tomllib

import pytest

from desktop.settings.model import ChecklistRule, ConfigError, parse_settings
from desktop.settings.toml_file import merged_toml


def _rules(requires: str, subject: str = "Sem conexão") -> dict[str, object]:
    return {"checklist_rules": [{"subject": subject, "requires": requires}]}


@pytest.mark.parametrize("requires", ["conexao", "Conexão", " os , financeiro,conexao ",
                                      "OS,"])
def test_the_section_words_as_an_it_person_writes_them(requires: str) -> None:
    [rule] = parse_settings(_rules(requires)).checklist_rules
    assert rule == ChecklistRule("Sem conexão", requires)


@pytest.mark.parametrize(("requires", "word"), [("conexao, rede", "rede"),
                                                ("financeiro; os", "financeiro; os"),
                                                ("ordem de serviço", "ordem de serviço")])
def test_an_unknown_section_word_is_named(requires: str, word: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(_rules(requires))
    assert info.value.key == "checklist_rules[0].requires"
    assert info.value.message.endswith(f'os, financeiro, conexao ("{word}" não é uma delas).')


@pytest.mark.parametrize("requires", ["", " ", ",,"])
def test_a_rule_that_requires_nothing_is_refused(requires: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(_rules(requires))
    assert info.value.key == "checklist_rules[0].requires"
    assert "não é uma delas" not in info.value.message


def test_a_rule_needs_a_subject() -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(_rules("os", subject="  "))
    assert info.value.key == "checklist_rules[0].subject"


@pytest.mark.parametrize("key", ["open_subject_id", "open_ticket_sector_id"])
def test_the_ixc_ids_are_numbers_or_empty(key: str) -> None:
    assert getattr(parse_settings({"attendance": {key: "12"}}).attendance, key) == "12"
    assert getattr(parse_settings({"attendance": {key: ""}}).attendance, key) == ""
    for bad in ("Sem conexão", "3 ", "-1", "²"):
        with pytest.raises(ConfigError) as info:
            parse_settings({"attendance": {key: bad}})
        assert info.value.key == f"attendance.{key}"


COMMENTED = """\
# Ramal — TI do provedor
version = 1

[attendance]
open_ticket = "auto"   # combinado com a supervisão
apelido = "mesa 3"

# assuntos que exigem conferir a ficha
[[checklist_rules]]
subject = "2ª via"   # o boleto
requires = "financeiro"

[[checklist_rules]]
subject = "Sem conexão"
requires = "conexao"
"""

ATTENDANCE = {"open_ticket": "click", "open_subject_id": "", "open_ticket_sector_id": "",
              "unknown_caller": "off"}


def test_attendance_and_rules_are_edited_in_place() -> None:
    text = merged_toml(COMMENTED, {
        "attendance": {**ATTENDANCE, "open_subject_id": "7"},
        "checklist_rules": [{"subject": "2ª via", "requires": "financeiro, os"},
                            {"subject": "Sem conexão", "requires": "conexao"},
                            {"subject": "Lentidão", "requires": "conexao"}]})
    assert text == """\
# Ramal — TI do provedor
version = 1

[attendance]
open_ticket = "click"   # combinado com a supervisão
apelido = "mesa 3"
open_subject_id = "7"

# assuntos que exigem conferir a ficha
[[checklist_rules]]
subject = "2ª via"   # o boleto
requires = "financeiro, os"

[[checklist_rules]]
subject = "Sem conexão"
requires = "conexao"

[[checklist_rules]]
subject = "Lentidão"
requires = "conexao"
"""


def test_rules_removed_in_the_form_leave_the_file() -> None:
    one = tomllib.loads(merged_toml(COMMENTED, {
        "attendance": ATTENDANCE,
        "checklist_rules": [{"subject": "Sem conexão", "requires": "conexao"}]}))
    assert one["checklist_rules"] == [{"subject": "Sem conexão", "requires": "conexao"}]
    text = merged_toml(COMMENTED, {"attendance": ATTENDANCE})
    assert "checklist_rules" not in tomllib.loads(text)
    assert tomllib.loads(text)["attendance"]["apelido"] == "mesa 3"
