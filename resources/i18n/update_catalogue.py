"""Refresh resources/i18n/ramal_<lang>.ts from the source, then compile it to .qm.

Two extractors, one catalogue:
- ``pyside6-lupdate`` reads the widgets (``self.tr("…")`` in QObject subclasses, context = the
  class name, which is what PySide's ``tr`` uses at run time);
- an AST pass reads the domain code's ``desktop.i18n.tr(CONTEXT, "…")`` calls (lupdate takes
  their first argument for the text), resolving a module-level ``_CONTEXT = "…"``; the
  ``N_(CONTEXT, "…")`` markers of label tables whose strings are translated later through a
  variable (IXC status labels, call outcomes...); and calls through a one-line alias such as
  ``t = lambda s: tr(_CONTEXT, s)``.

Existing translations are kept; new strings arrive "unfinished"; strings no longer in the source
are marked obsolete (``type="vanished"``) rather than deleted. Then ``pyside6-lrelease`` builds
the .qm the app loads.

    .venv/bin/python resources/i18n/update_catalogue.py [en]
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent

# what marks a string for the catalogue: tr() translates it now, N_() marks a table's label
MARKERS = ("tr", "N_")

Message = tuple[str, str, bool]   # context, source, numerus


def lupdate_messages() -> list[Message]:
    widgets = sorted(str(p) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "widgets.ts"
        subprocess.run([str(BIN / "pyside6-lupdate"), *widgets, "-ts", str(out)], check=True,
                       capture_output=True)
        tree = ET.parse(out)
    found: list[Message] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message.findtext("source") or "",
                          message.get("numerus") == "yes"))
    return found


def _module_constants(tree: ast.Module) -> dict[str, str]:
    consts: dict[str, str] = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            consts[node.targets[0].id] = node.value.value
    return consts


def _context_of(node: ast.expr, consts: dict[str, str]) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return consts.get(node.id, "") if isinstance(node, ast.Name) else ""


def _aliases(tree: ast.Module, consts: dict[str, str]) -> dict[str, str]:
    """``t = lambda s: tr(_CONTEXT, s)`` → {"t": context}: calls to ``t("…")`` count too."""
    found: dict[str, str] = {}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Lambda)):
            body = node.value.body
            if (isinstance(body, ast.Call) and isinstance(body.func, ast.Name)
                    and body.func.id == "tr" and len(body.args) == 2):
                context = _context_of(body.args[0], consts)
                if context:
                    found[node.targets[0].id] = context
    return found


def domain_messages() -> list[Message]:
    found: list[Message] = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        consts = _module_constants(tree)
        aliases = _aliases(tree, consts)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id in MARKERS and len(node.args) == 2:
                context, text = _context_of(node.args[0], consts), node.args[1]
            elif node.func.id in aliases and len(node.args) == 1:
                context, text = aliases[node.func.id], node.args[0]
            else:
                continue
            if context and isinstance(text, ast.Constant) and isinstance(text.value, str):
                found.append((context, text.value, False))
    return found


def update(language: str) -> Path:
    ts_path = HERE / f"ramal_{language}.ts"
    messages = list(dict.fromkeys(lupdate_messages() + domain_messages()))
    old: dict[tuple[str, str], ET.Element] = {}
    if ts_path.exists():
        for context in ET.parse(ts_path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                old[(name, message.findtext("source") or "")] = message
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="pt_BR")
    by_context: dict[str, list[Message]] = {}
    for message in messages:
        by_context.setdefault(message[0], []).append(message)
    current = {(c, s) for c, s, _ in messages}
    for key in old:
        if key not in current:
            by_context.setdefault(key[0], []).append((key[0], key[1], False))
    for name in sorted(by_context):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for _, source, numerus in by_context[name]:
            previous = old.get((name, source))
            message = ET.SubElement(context, "message")
            if numerus:
                message.set("numerus", "yes")
            ET.SubElement(message, "source").text = source
            if previous is not None and previous.find("translation") is not None:
                translation = previous.find("translation")
                assert translation is not None
                if (name, source) not in current:
                    translation.set("type", "vanished")
                message.append(translation)
            else:
                translation = ET.SubElement(message, "translation", type="unfinished")
                if numerus:
                    ET.SubElement(translation, "numerusform")
                    ET.SubElement(translation, "numerusform")
    ET.indent(root)
    ts_path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                       + ET.tostring(root, encoding="unicode") + "\n", encoding="utf-8")
    return ts_path


def release(ts_path: Path) -> Path:
    qm = ts_path.with_suffix(".qm")
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts_path), "-qm", str(qm)], check=True,
                   capture_output=True)
    return qm


def main() -> int:
    for language in sys.argv[1:] or ["en"]:
        ts_path = update(language)
        tree = ET.parse(ts_path)
        total = sum(1 for _ in tree.getroot().iter("message"))
        todo = sum(1 for t in tree.getroot().iter("translation")
                   if t.get("type") == "unfinished")
        print(f"{ts_path.name}: {total} strings, {todo} without translation")
        print(f"{release(ts_path).name} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
