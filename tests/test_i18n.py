"""The Japanese translation stays complete as strings change (no QGIS needed).

scripts/i18n.py extracts every user-visible string of plugin/ (tr() literals, the
display/help attributes, GROUPS, helper labels, tables of labels, the shipped models);
these tests fail when one has no finished translation, when placeholders or HTML tags
differ between source and translation, when i18n/*.ts or *.qm were not regenerated, or
when plugin/ shows a user text that does not go through tr().
"""
import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `make translations`, translate what it lists in i18n/geoinverse_ja.ts " \
      "(Qt Linguist or any editor), and run it again"


def load_i18n():
    spec = importlib.util.spec_from_file_location("geoinverse_i18n_tool",
                                                  ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


i18n = load_i18n()


@pytest.fixture(scope="module")
def extracted():
    return i18n.extract()


def test_every_user_visible_string_has_a_finished_japanese_translation(extracted):
    assert len(extracted.messages) > 250   # the extractor found the plugin's strings
    problems = i18n.issues("ja", extracted)
    assert not problems, f"{len(problems)} problem(s); {FIX}:\n" + "\n".join(problems)


def test_committed_ts_is_what_the_extractor_writes(extracted, tmp_path):
    """i18n/geoinverse_ja.ts was regenerated after the last change of strings (stale
    locations, or messages whose source is gone, are not left behind)."""
    path = tmp_path / "geoinverse_ja.ts"
    i18n.write_ts(str(path), "ja", extracted.messages, i18n.read_ts(i18n.ts_path("ja")))
    assert path.read_text(encoding="utf-8") == \
        Path(i18n.ts_path("ja")).read_text(encoding="utf-8"), FIX


def test_committed_qm_is_compiled_from_the_ts(tmp_path):
    lrelease = shutil.which(i18n.LRELEASE)
    assert lrelease, "lrelease is missing: `make setup` installs qttools5-dev-tools"
    out = tmp_path / "ja.qm"
    subprocess.run([lrelease, "-silent", "-nounfinished", "-removeidentical",
                    i18n.ts_path("ja"), "-qm", str(out)], check=True)
    assert out.read_bytes() == Path(i18n.qm_path("ja")).read_bytes(), FIX


def test_placeholders_and_tags_are_compared():
    assert i18n.placeholders("{w} x {h} in {s:.2f} s, {n:,} {!r}") == \
        ["{!r}", "{h}", "{n:,}", "{s:.2f}", "{w}"]
    assert i18n.placeholders("{w} x {h}") != i18n.placeholders("{w} x {height}")
    assert i18n.tags("<b>a</b> <i>b</i>") == i18n.tags("<i>イ</i><b>ア</b>")
    assert i18n.tags("<b>a</b>") != i18n.tags("<b>a")


SAMPLE = '''
from qgis.PyQt.QtCore import QCoreApplication
GROUPS = {"a": "Group title"}
HELP = """Long help."""
TABLE = [("K1", "Row label one", 1), ("K2", "Row label two", 2)]


class Alg:
    display = "Display name"
    help = HELP

    def tr(self, text):
        return QCoreApplication.translate("GeoInverse", text)

    def add_choice(self, name, label, choices):
        return self.tr(label)

    def init(self, feedback, n):
        self.add_choice("MODE", "Choice label", [])
        self.add_choice("OTHER", label="Keyword label", choices=[])
        for key, label, _ in TABLE:
            self.tr(label)
        self.tr(GROUPS[self.group_id])
        self.tr("Plain {n} literal").format(n=n)
        feedback.pushInfo(self.tr("Counted {n}.").format(n=n))
        feedback.pushInfo(self.tr(f"Bad {n}"))
        feedback.pushInfo(f"Untranslated {n} things")
        feedback.reportError("Not through tr")
        self.tr(self.compute())
'''


def test_extractor_follows_variables_and_reports_what_it_cannot(tmp_path):
    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / "alg.py").write_text(SAMPLE)
    ex = i18n.extract(str(folder), str(tmp_path / "no-library"))
    found = {source for _, source in ex.messages}
    assert found == {"Group title", "Long help.", "Row label one", "Row label two",
                     "Display name", "Choice label", "Keyword label", "Plain {n} literal",
                     "Counted {n}."}
    problems = "\n".join(ex.problems)
    assert "f-string inside tr()" in problems
    assert "pushInfo(): f-string not passed through tr(): 'Untranslated" in problems
    assert "reportError(): text not passed through tr(): 'Not through tr'" in problems
    assert "cannot follow: self.compute()" in problems
    assert len(ex.problems) == 4


def test_zip_ships_the_compiled_translation(tmp_path):
    out = tmp_path / "geoinverse.zip"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "package.py"), str(out)],
                   check=True, capture_output=True)
    names = zipfile.ZipFile(out).namelist()
    assert "geoinverse/i18n/geoinverse_ja.qm" in names
    assert "geoinverse/plugin/i18n.py" in names
    assert not any(n.startswith("geoinverse/scripts/") for n in names)


def test_metadata_has_japanese_description_for_the_plugin_manager():
    """QGIS's plugin manager shows description[ja] / about[ja] under a Japanese locale.
    It reads metadata.txt with an interpolating ConfigParser, as here: a bare % breaks it."""
    import configparser
    parser = configparser.ConfigParser()
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    for key in ("description[ja]", "about[ja]"):
        assert "超解像" in general[key] and "温度圧力経路" in general[key], key
