#!/usr/bin/env python3
"""GeoInverse's translation tool: finds every user-visible string in plugin/, keeps
i18n/geoinverse_<lang>.ts up to date (existing translations kept) and compiles it with
lrelease.  `make translations` runs it.

pylupdate5 sees only literal `tr("...")` calls; GeoInverse also translates variables
(`self.tr(self.display)`, `self.tr(self.help)`, GROUPS values, labels handed to helpers
such as add_choice, labels in loops over tables of parameters).  This extractor reads the
sources with Python's ast and follows those to the literal strings:

- literals (and implicitly joined literals) in `tr(...)` / `translate(context, ...)`;
- the class attributes `display` and `help` (a literal or a module constant such as HELP);
- `tr(NAME[...])` / `tr(NAME.get(...))`: every value of the module-level dict NAME;
- `tr(x)` where x is a loop variable of `for ... in <table>`: that column of the table;
- `tr(x)` where x is a parameter of the enclosing function: the literals its callers pass
  (positionally or by keyword) and its default;
- the shipped models (plugin/models/*.model3): parameter descriptions and help.

`--check` also reports what cannot be translated: an f-string or an unresolvable
expression inside tr(), and text handed to a user-facing call (pushInfo, pushWarning,
reportError, QgsProcessingException, setText, ...) without going through tr().

    python3 scripts/i18n.py            # update i18n/geoinverse_ja.ts and compile the .qm
    python3 scripts/i18n.py --check    # exit 1 listing untranslated or untranslatable text
"""
import argparse
import ast
import os
import re
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLUGIN = os.path.join(ROOT, "plugin")
LIBRARY = os.path.join(ROOT, "algorithms")
I18N = os.path.join(ROOT, "i18n")
CONTEXT = "GeoInverse"
LANGUAGES = ("ja",)
CLASS_ATTRIBUTES = ("display", "help")
# Calls whose text argument a user reads: it must come from tr().
USER_FACING = {"pushInfo", "pushWarning", "reportError", "pushCommandInfo",
               "pushConsoleInfo", "pushDebugInfo", "setProgressText", "QgsProcessingException",
               "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "QLabel",
               "QPushButton", "QCheckBox", "QAction", "pushCritical", "pushWarning",
               "pushSuccess", "pushMessage", "createMessage", "addPluginToMenu",
               "removePluginMenu", "setStatusTip"}
TR_NAMES = ("tr", "_tr", "translate")
# tr() arguments whose texts come from elsewhere than the Python sources.
FROM_ELSEWHERE = {("plugin/provider.py", "param.description()"),   # the .model3 files
                  ("plugin/provider.py", "text")}                  # their help entries
LRELEASE = os.environ.get("LRELEASE", "lrelease")


def ts_path(lang):
    return os.path.join(I18N, f"geoinverse_{lang}.ts")


def qm_path(lang):
    return os.path.join(I18N, f"geoinverse_{lang}.qm")


# -- extraction ---------------------------------------------------------------------------
def _literal(node):
    """The text of a string literal (ast joins implicit concatenation), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _call_name(node):
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


def _is_tr(node):
    return isinstance(node, ast.Call) and _call_name(node) in TR_NAMES


def _tr_argument(node):
    """(context, text node) of a tr()/translate() call."""
    if _call_name(node) == "translate":
        if len(node.args) >= 2:
            return _literal(node.args[0]) or CONTEXT, node.args[1]
        return CONTEXT, None
    return CONTEXT, node.args[0] if node.args else None


class Module:
    def __init__(self, path):
        self.path = path
        self.rel = os.path.relpath(path, ROOT)
        with open(path, encoding="utf-8") as f:
            self.tree = ast.parse(f.read(), path)
        self.parents = {}
        for parent in ast.walk(self.tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent
        self.constants = {}   # top-level NAME = <expr>
        self.imports = {}     # NAME -> path of the module it is imported from
        here = os.path.dirname(path)
        for stmt in self.tree.body:
            if isinstance(stmt, ast.ImportFrom) and stmt.level and stmt.module:
                base = here
                for _ in range(stmt.level - 1):
                    base = os.path.dirname(base)
                source = os.path.join(base, *stmt.module.split(".")) + ".py"
                for alias in stmt.names:
                    self.imports[alias.asname or alias.name] = source
            if isinstance(stmt, ast.Assign):
                for target in stmt.targets:
                    if isinstance(target, ast.Name):
                        self.constants[target.id] = stmt.value

    def ancestors(self, node):
        while node in self.parents:
            node = self.parents[node]
            yield node


class Extractor:
    def __init__(self, plugin_dir=PLUGIN, library_dir=LIBRARY):
        self.modules = [Module(p) for p in _python_files(plugin_dir)]
        # algorithms/ is read for its constants (tables a plugin loop translates) and for
        # the few texts it lets the plugin translate (translate= arguments, errors.py).
        self.library = {p: Module(p) for p in _python_files(library_dir)}
        self.models = sorted(os.path.join(folder, name)
                             for folder, _, files in os.walk(plugin_dir)
                             for name in files if name.endswith(".model3"))
        self.messages = {}    # (context, source) -> [location]
        self.problems = []    # "file:line: what"

    def add(self, context, text, module, node):
        if text and text.strip():
            where = f"{module.rel if isinstance(module, Module) else module}"
            self.messages.setdefault((context, text), [])
            if where not in self.messages[(context, text)]:
                self.messages[(context, text)].append(where)

    def problem(self, module, node, what):
        self.problems.append(f"{module.rel}:{getattr(node, 'lineno', 0)}: {what}")

    def constant(self, name, module):
        """A module-level constant of this module, or of any plugin module (imports)."""
        if name in module.constants:
            return module.constants[name], module
        source = module.imports.get(name)
        if source is not None:
            other = next((m for m in self.modules if m.path == source),
                         self.library.get(source))
            if other is not None:
                return self.constant(name, other) if name in other.constants or \
                    name in other.imports else (None, None)
        for other in self.modules:
            if name in other.constants:
                return other.constants[name], other
        return None, None

    def strings_of(self, node, module, depth=0):
        """The literal strings an expression can evaluate to (None: cannot tell)."""
        if depth > 4 or node is None:
            return None
        text = _literal(node)
        if text is not None:
            return [text]
        if isinstance(node, ast.Name):
            value, where = self.constant(node.id, module)
            if value is not None:
                return self.strings_of(value, where, depth + 1)
            return None
        if isinstance(node, ast.IfExp):
            a = self.strings_of(node.body, module, depth + 1)
            b = self.strings_of(node.orelse, module, depth + 1)
            return None if a is None or b is None else a + b
        return None

    def run(self):
        for module in self.modules:
            self.scan(module)
        for module in self.library.values():
            for node in ast.walk(module.tree):
                if _is_tr(node):
                    self.scan_tr(node, module)
        for path in self.models:
            self.scan_model(path)
        return self

    # -- one Python module --------------------------------------------------------------
    def scan(self, module):
        for node in ast.walk(module.tree):
            if isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                            and isinstance(stmt.targets[0], ast.Name)
                            and stmt.targets[0].id in CLASS_ATTRIBUTES):
                        values = self.strings_of(stmt.value, module)
                        for text in values or []:
                            self.add(CONTEXT, text, module, stmt)
            elif _is_tr(node):
                self.scan_tr(node, module)
            elif isinstance(node, ast.Call) and _call_name(node) in USER_FACING:
                for arg in node.args[:1] if _call_name(node) != "createMessage" \
                        else node.args[1:2]:
                    self.check_untranslated(arg, module, _call_name(node))

    def scan_tr(self, node, module):
        context, arg = _tr_argument(node)
        if arg is None:
            return
        if (isinstance(node.func, ast.Name) or isinstance(node.func, ast.Attribute)) \
                and _call_name(node) == "translate" and _literal(node.args[0]) is None:
            self.problem(module, node, "translate() without a literal context")
        texts = self.strings_of(arg, module)
        if texts is not None:
            for text in texts:
                self.add(context, text, module, node)
            return
        if isinstance(arg, ast.JoinedStr):
            self.problem(module, arg, "f-string inside tr(): it cannot be looked up; use "
                         "tr('... {name} ...').format(name=...)")
            return
        if isinstance(arg, ast.Attribute) and arg.attr in CLASS_ATTRIBUTES:
            return   # self.display / self.help / a.display: the class attributes
        if isinstance(arg, ast.Subscript) or (isinstance(arg, ast.Call)
                                              and _call_name(arg) == "get"):
            base = arg.value if isinstance(arg, ast.Subscript) else arg.func.value
            if isinstance(base, ast.Name):
                value, where = self.constant(base.id, module)
                if isinstance(value, ast.Dict):
                    for v in value.values:
                        for text in self.strings_of(v, where) or []:
                            self.add(context, text, where, v)
                    return
        if (module.rel, ast.unparse(arg)) in FROM_ELSEWHERE:
            return
        if isinstance(arg, ast.Name):
            if self.loop_column(arg, module, context):
                return
            if self.parameter_callers(arg, module, context):
                return
        self.problem(module, node, f"tr() of an expression the extractor cannot follow: "
                     f"{ast.unparse(arg)}")

    def loop_column(self, name, module, context):
        """tr(label) inside `for key, label in TABLE`: every row's label."""
        for anc in module.ancestors(name):
            if isinstance(anc, (ast.For, ast.comprehension)):
                target = anc.target
                names = [target] if isinstance(target, ast.Name) else \
                    list(target.elts) if isinstance(target, ast.Tuple) else []
                idx = [i for i, t in enumerate(names)
                       if isinstance(t, ast.Name) and t.id == name.id]
                if not idx:
                    continue
                table, where = anc.iter, module
                if isinstance(table, ast.Name):
                    table, where = self.constant(table.id, module)
                if not isinstance(table, (ast.Tuple, ast.List)):
                    return False
                for row in table.elts:
                    cell = row if isinstance(target, ast.Name) else (
                        row.elts[idx[0]] if isinstance(row, (ast.Tuple, ast.List))
                        and len(row.elts) > idx[0] else None)
                    for text in self.strings_of(cell, where) or []:
                        self.add(context, text, where, row)
                return True
            if isinstance(anc, (ast.FunctionDef, ast.Lambda)):
                return False
        return False

    def parameter_callers(self, name, module, context):
        """tr(label) where label is a parameter of the enclosing function: the literals
        its callers pass, and its default."""
        func = next((a for a in module.ancestors(name) if isinstance(a, ast.FunctionDef)),
                    None)
        if func is None:
            return False
        if func.name in TR_NAMES:
            return True   # the tr() wrapper itself
        params = [a.arg for a in func.args.args]
        if name.id not in params:
            return False
        index = params.index(name.id)
        defaults = func.args.defaults
        offset = len(params) - len(defaults)
        if index >= offset:
            for text in self.strings_of(defaults[index - offset], module) or []:
                self.add(context, text, module, func)
        method = bool(params) and params[0] in ("self", "cls")
        for other in self.modules:
            for call in ast.walk(other.tree):
                if not isinstance(call, ast.Call) or _call_name(call) != func.name:
                    continue
                position = index - 1 if method and isinstance(call.func, ast.Attribute) \
                    else index
                arg = call.args[position] if 0 <= position < len(call.args) and not any(
                    isinstance(a, ast.Starred) for a in call.args[:position + 1]) else next(
                    (k.value for k in call.keywords if k.arg == name.id), None)
                if arg is None:
                    continue
                texts = self.strings_of(arg, other)
                if texts is None:
                    self.problem(other, call, f"{func.name}(): its {name.id} is translated, "
                                 f"so pass a literal, not {ast.unparse(arg)}")
                for text in texts or []:
                    self.add(context, text, other, call)
        return True

    def check_untranslated(self, arg, module, call):
        """Text a user reads that does not come from tr()."""
        def visit(node):
            if _is_tr(node):
                return
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "format" and _is_tr(node.func.value):
                for sub in list(node.args) + [k.value for k in node.keywords]:
                    visit(sub)
                return
            text = _literal(node)
            if text is not None:
                if re.search(r"[A-Za-z]{2,}", text) and not _not_prose(text):
                    self.problem(module, node, f"{call}(): text not passed through tr(): "
                                 f"{text[:60]!r}")
                return
            if isinstance(node, ast.JoinedStr):
                visible = re.sub(r"<[^>]*>?|^[^<]*>", "", "".join(
                    v.value for v in node.values if isinstance(v, ast.Constant)))
                if re.search(r"[A-Za-z]{2,}", visible):
                    self.problem(module, node, f"{call}(): f-string not passed through "
                                 f"tr(): {visible[:60]!r}")
                for v in node.values:
                    if isinstance(v, ast.FormattedValue):
                        visit(v.value)
                return
            if isinstance(node, ast.Subscript):
                return   # a value looked up in a table, e.g. kinds[name]
            for child in ast.iter_child_nodes(node):
                visit(child)
        visit(arg)

    # -- shipped models ----------------------------------------------------------------
    def scan_model(self, path):
        rel = os.path.relpath(path, ROOT)
        root = ET.parse(path).getroot()
        for option in root.iter("Option"):
            name = option.get("name")
            if name == "parameterDefinitions":
                for param in option:
                    for field in param:
                        if field.get("name") == "description":
                            self.add(CONTEXT, field.get("value"), rel, None)
            elif name == "help":   # the description and each parameter's help
                for field in option:
                    key = field.get("name") or ""
                    if key == "ALG_DESC" or not key.startswith("ALG_"):
                        self.add(CONTEXT, field.get("value"), rel, None)


def _python_files(folder):
    return sorted(os.path.join(d, n) for d, _, files in os.walk(folder) for n in files
                  if n.endswith(".py"))


def _not_prose(text):
    """Identifiers, file patterns and markup that stay as they are in every language."""
    stripped = re.sub(r"<[^>]+>", "", text).strip()
    return (not stripped or re.fullmatch(r"[\w.:/\\-]+", stripped) is not None
            and ("_" in stripped or "." in stripped.rstrip(".") or ":" in stripped
                 or "/" in stripped or stripped.isupper() or stripped == "GeoInverse"))


def extract(plugin_dir=PLUGIN, library_dir=LIBRARY):
    return Extractor(plugin_dir, library_dir).run()


# -- .ts files ---------------------------------------------------------------------------
def read_ts(path):
    """{(context, source): (translation, type)} of a .ts file ({} if absent)."""
    out = {}
    if not os.path.exists(path):
        return out
    for context in ET.parse(path).getroot().iter("context"):
        cname = context.findtext("name")
        for message in context.iter("message"):
            tr = message.find("translation")
            out[(cname, message.findtext("source"))] = (
                (tr.text or "") if tr is not None else "",
                tr.get("type", "") if tr is not None else "unfinished")
    return out


def write_ts(path, lang, messages, existing):
    """Write the .ts: every current message (translation kept, new ones unfinished), then
    translations whose source is gone, marked vanished (kept for the translator,
    not compiled)."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             f'<TS version="2.1" language="{lang}">']
    contexts = sorted({c for c, _ in messages} | {c for c, _ in existing})
    for context in contexts:
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        # by file, then alphabetically: moving code around does not reorder the file
        current = sorted(((s, locs) for (c, s), locs in messages.items() if c == context),
                         key=lambda item: (item[1][0], item[0]))
        for source, locations in current:
            text, kind = existing.get((context, source), ("", "unfinished"))
            kind = "unfinished" if not text.strip() else (
                "" if kind in ("vanished", "obsolete") else kind)
            lines.append("    <message>")
            for loc in locations:
                lines.append(f'        <location filename="../{escape(loc)}"/>')
            lines.append(f"        <source>{escape(source)}</source>")
            attr = f' type="{kind}"' if kind else ""
            lines.append(f"        <translation{attr}>{escape(text)}</translation>")
            lines.append("    </message>")
        for (c, source), (text, kind) in existing.items():
            if c == context and (c, source) not in messages and text.strip():
                lines += ["    <message>", f"        <source>{escape(source)}</source>",
                          f'        <translation type="vanished">{escape(text)}'
                          "</translation>", "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def compile_ts(lang):
    subprocess.run([LRELEASE, "-silent", "-nounfinished", "-removeidentical", ts_path(lang),
                    "-qm", qm_path(lang)], check=True)


# -- checks ------------------------------------------------------------------------------
def placeholders(text):
    """The str.format fields of `text` ({}, {name}, {name:.2f}), sorted; None if malformed."""
    try:
        return sorted(f"{{{name}{'!' + conv if conv else ''}{':' + spec if spec else ''}}}"
                      for _, name, spec, conv in string.Formatter().parse(text)
                      if name is not None)
    except ValueError:
        return None


def tags(text):
    return sorted(re.findall(r"</?[a-zA-Z][^>]*>", text))


def issues(lang="ja", extractor=None):
    """Everything that keeps the translation from being complete and correct."""
    ex = extractor or extract()
    out = list(ex.problems)
    existing = read_ts(ts_path(lang))
    for key, locations in ex.messages.items():
        text, kind = existing.get(key, ("", "unfinished"))
        source = key[1]
        short = source[:70].replace("\n", " ")
        if not text.strip() or kind in ("unfinished", "vanished", "obsolete"):
            out.append(f"{locations[0]}: no finished {lang} translation: {short!r}")
            continue
        if placeholders(source) != placeholders(text):
            out.append(f"{locations[0]}: placeholders differ: {placeholders(source)} vs "
                       f"{placeholders(text)} in {short!r}")
        if tags(source) != tags(text):
            out.append(f"{locations[0]}: HTML tags differ in {short!r}")
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only report untranslated or untranslatable text (exit 1)")
    parser.add_argument("--no-compile", action="store_true", help="do not run lrelease")
    args = parser.parse_args(argv)
    ex = extract()
    if args.check:
        found = [i for lang in LANGUAGES for i in issues(lang, ex)]
        print("\n".join(found) or f"{len(ex.messages)} messages, all translated.")
        return 1 if found else 0
    for problem in ex.problems:
        print("warning:", problem, file=sys.stderr)
    for lang in LANGUAGES:
        existing = read_ts(ts_path(lang))
        write_ts(ts_path(lang), lang, ex.messages, existing)
        todo = sum(1 for k in ex.messages if not existing.get(k, ("",))[0].strip())
        print(f"{os.path.relpath(ts_path(lang), ROOT)}: {len(ex.messages)} messages, "
              f"{todo} to translate")
        if not args.no_compile:
            compile_ts(lang)
            print(f"{os.path.relpath(qm_path(lang), ROOT)} compiled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
