"""The settings file's format version and the steps that bring an older file up to date.

``version = N`` sits at the top of ``ramal.toml``. On load, before validation, every step from
the file's version to :data:`CURRENT_VERSION` runs on the parsed document, in order; saving
then writes the upgraded keys and the current number. A later release that renames a key adds
a step here (``_v1_to_v2`` moving the old key to the new name) instead of refusing the file the
IT person wrote for the release before.

Files written before the number existed have no ``version``: they are version 0, whose keys
are today's, so the only step so far just stamps the number.

Steps take any mutable mapping, so the same step upgrades the plain dict :mod:`tomllib` gives
the loader and the :mod:`tomlkit` document the save edits in place (its comments kept).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

from desktop.i18n import tr

CURRENT_VERSION = 1
VERSION_KEY = "version"

Step = Callable[[MutableMapping[str, Any]], None]

_CONTEXT = "config"


def _v0_to_v1(document: MutableMapping[str, Any]) -> None:
    """Before the number: the keys are already version 1's."""


# step N upgrades a version-N document to N+1
STEPS: dict[int, Step] = {0: _v0_to_v1}


def file_version(document: Mapping[str, Any]) -> int:
    """The document's format version (0 when it has none), or ValueError when it is not one."""
    version = document.get(VERSION_KEY, 0)
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise ValueError(version)
    return int(version)


def upgrade_document(document: MutableMapping[str, Any], *, steps: Mapping[int, Step] = STEPS,
                     current: int = CURRENT_VERSION) -> list[str]:
    """Run the steps from the document's version to ``current`` in place and stamp the number.

    Returns warnings for the agent (pt-BR), e.g. a file from a newer Ramal, which still loads:
    its unknown keys are warned about and ignored rather than stopping the start. The caller
    checks the version's type first (:func:`file_version`).
    """
    version = file_version(document)
    if version > current:
        return [tr(_CONTEXT, 'O arquivo de configuração é da versão {found} e este Ramal conhece '
                             'até a {known}: chaves que ele não conhece serão ignoradas.').format(
            found=version, known=current)]
    for step in range(version, current):
        steps[step](document)
    if version != current or VERSION_KEY not in document:
        set_version(document, current)
    return []


def set_version(document: MutableMapping[str, Any], version: int) -> None:
    """``version = N`` as the document's first key, where the IT person looks for it."""
    if VERSION_KEY in document:
        document[VERSION_KEY] = version
        return
    items = list(document.items())
    for key, _ in items:
        del document[key]
    document[VERSION_KEY] = version
    for key, value in items:
        document[key] = value


def rename_key(document: MutableMapping[str, Any], section: str, old: str, new: str) -> None:
    """For a later step: ``[section] old`` becomes ``new`` (a ``new`` already there wins)."""
    table = document.get(section)
    if isinstance(table, MutableMapping) and old in table:
        value = table.pop(old)
        table.setdefault(new, value)
