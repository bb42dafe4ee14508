"""GeoInverse in Japanese: with QGIS's locale set to ja, the provider's algorithms show
Japanese names, groups, labels and help, headless, through qgis_process and in the
desktop; under English nothing changes."""
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from geoinverse.plugin.processing import ALGORITHMS

ROOT = Path(__file__).resolve().parents[2]
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
# Texts that read the same in Japanese (units and symbols only).
SAME_IN_JAPANESE = {"Total wt%"}


@contextmanager
def qgis_locale(locale):
    """QGIS's user-interface locale as the Options dialog sets it, restored after."""
    from qgis.core import QgsSettings
    settings = QgsSettings()
    keys = ("locale/overrideFlag", "locale/userLocale")
    before = {k: settings.value(k) for k in keys}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", locale)
    try:
        yield
    finally:
        for key, value in before.items():
            if value is None:
                settings.remove(key)
            else:
                settings.setValue(key, value)


def texts(provider):
    """Every text of every algorithm a user reads, keyed by where it is shown."""
    out = {}
    for alg in provider.algorithms():
        out[(alg.id(), "displayName")] = alg.displayName()
        out[(alg.id(), "group")] = alg.group()
        out[(alg.id(), "shortHelpString")] = alg.shortHelpString()
        for param in alg.parameterDefinitions():
            out[(alg.id(), param.name())] = param.description()
        for output in alg.outputDefinitions():
            out[(alg.id(), "output " + output.name())] = output.description()
    return out


def loaded_provider(locale):
    """The plugin created the way QGIS creates it (classFactory(None)) under `locale`,
    and a provider of its algorithms (not registered: the session's provider is)."""
    import geoinverse
    from geoinverse.plugin.provider import GeoInverseProvider
    with qgis_locale(locale):
        instance = geoinverse.classFactory(None)
    provider = GeoInverseProvider()
    provider.refreshAlgorithms()
    return instance, provider


def test_japanese_locale_translates_every_algorithm_headless(plugin):
    english = texts(plugin.provider)
    instance, provider = loaded_provider("ja")
    try:
        assert instance.translator is not None
        japanese = texts(provider)
        superresolve = provider.algorithm("superresolve")
        assert superresolve.displayName() == "水深の超解像（深層ネットワーク）"
        assert superresolve.group() == "水深 — 超解像"
        assert superresolve.parameterDefinition("SCALE").description() == "倍率"
        assert "<b>入力グリッド</b>" in superresolve.shortHelpString()
        assert provider.algorithm("fillgaps").displayName() == "水深グリッドの欠損補間"
        # Ids and parameter names (the scripting interface) and enum ids do not change.
        assert superresolve.id() == "geoinverse:superresolve"
        assert superresolve.parameterDefinition("MODEL").options()[0] == "auto"
        assert set(japanese) == set(english)
        untranslated = {k: v for k, v in japanese.items()
                        if v and (v == english[k] or not JAPANESE.search(v))
                        and v not in SAME_IN_JAPANESE}
        assert not untranslated, untranslated
        # The shipped model: title, its parameters and help from the .model3.
        model = provider.algorithm("soundingstogrid")
        assert model.displayName() == "測深データから高解像度グリッドへ"
        assert model.parameterDefinition("SOUNDINGS").description() == "測深データ（点レイヤ）"
        assert "任意の座標参照系" in model.shortHelpString()
    finally:
        instance.unload()
    # unload() removes the translator: the session's algorithms read English again.
    assert instance.translator is None
    assert texts(plugin.provider) == english


def test_english_locale_keeps_the_english_ui(plugin):
    instance, provider = loaded_provider("en_US")
    try:
        assert instance.translator is None   # English is the source: no .qm
        for cls in ALGORITHMS:
            alg = provider.algorithm(cls.algorithm_name)
            assert alg.displayName() == cls.display
            assert alg.shortHelpString() == cls.help
        assert provider.algorithm("superresolve").parameterDefinition(
            "SCALE").description() == "Scale factor"
        assert provider.algorithm("superresolve").group() == "Bathymetry \u2014 super-resolution"
    finally:
        instance.unload()


def test_japanese_messages_in_a_run(plugin, data_dir, tmp_path, recording_feedback):
    """pushInfo messages are translated too (bicubic: no optional package needed)."""
    import processing
    from qgis.core import QgsProcessingContext
    instance, _ = loaded_provider("ja")
    try:
        feedback = recording_feedback()
        processing.run("geoinverse:bicubic", {"INPUT": str(data_dir / "tut_bathy.nc"),
                                              "SCALE": 2, "OUTPUT": str(tmp_path / "x2.tif")},
                       context=QgsProcessingContext(), feedback=feedback)
        assert any("セルにアップサンプリングしました" in line for line in feedback.lines), \
            feedback.lines
    finally:
        instance.unload()


def test_qgis_process_help_in_japanese(tmp_path, qgis_env):
    """qgis_process calls classFactory(None) + initProcessing() only: the plugin's own
    translator, from the profile's [locale] settings, translates its help."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "geoinverse").symlink_to(ROOT, target_is_directory=True)
    env = qgis_env(tmp_path, QGIS_PLUGINPATH=str(plugins))
    run = lambda *a: subprocess.run([QGIS_PROCESS, *a], env=env, capture_output=True,
                                    text=True, timeout=180)
    assert run("plugins", "enable", "geoinverse").returncode == 0
    ini = Path(tmp_path, ".local/share/QGIS/QGIS3/profiles/default/QGIS/QGIS3.ini")
    assert ini.exists()
    text = ini.read_text()
    assert "[locale]" not in text
    ini.write_text(text.rstrip("\n") + "\n\n[locale]\noverrideFlag=true\nuserLocale=ja\n")
    proc = run("help", "geoinverse:superresolve")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "水深の超解像（深層ネットワーク）" in proc.stdout
    assert "実際の海底地形で学習した深層ネットワーク" in proc.stdout
    assert "倍率" in proc.stdout and "SCALE" in proc.stdout   # label in ja, name as is


def load_desktop_helpers():
    """tests/plugin/test_desktop.py drives the desktop; reuse its helpers."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "geoinverse_desktop_helpers", Path(__file__).resolve().parent / "test_desktop.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_desktop_superresolve_dialog_in_japanese(tmp_path, data_dir, qgis_env, monkeypatch):
    """The real desktop (Xvfb), locale ja in the profile as the Options dialog stores it:
    the superresolve dialog is in Japanese; screenshot test-output/superresolve_ja.png."""
    desktop = load_desktop_helpers()
    desktop.need_desktop()
    make_home = desktop.make_home

    def japanese_home(home):
        profiles = make_home(home)
        ini = profiles / "profiles" / "default" / "QGIS" / "QGIS3.ini"
        ini.write_text(ini.read_text() + "[locale]\noverrideFlag=true\nuserLocale=ja\n")
        return profiles
    monkeypatch.setattr(desktop, "make_home", japanese_home)
    shot = ROOT / "test-output" / "superresolve_ja.png"
    shot.parent.mkdir(exist_ok=True)
    env = qgis_env(tmp_path, GEOINVERSE_DESKTOP_SHOT=str(shot),
                   GEOINVERSE_DESKTOP_GRID=str(data_dir / "azores_1m.tif"))
    result, _ = desktop.run_desktop(tmp_path, env, "japanese.py")
    assert "error" not in result, result.get("error")
    assert result["active"]
    assert result["qgis_locale"].startswith("ja")
    assert "水深の超解像（深層ネットワーク）" in result["title"]
    for label in ("入力グリッド", "倍率", "ネットワーク（auto = その倍率の推奨ネットワーク）",
                  "超解像したグリッド"):
        assert any(label in text for text in result["labels"]), (label, result["labels"])
    assert "実際の海底地形で学習した深層ネットワーク" in result["help"]
    assert result["menu"] == ["不足パッケージのインストール…", "サンプルデータの読み込み"]
    assert shot.stat().st_size > 20_000


def test_locale_is_chosen_as_qgis_chooses_it(qgis_app):
    """locale/userLocale only when locale/overrideFlag is on; else the system's."""
    from qgis.core import QgsSettings
    from qgis.PyQt.QtCore import QLocale
    from geoinverse.plugin.i18n import install_translator, user_locale
    with qgis_locale("ja"):
        assert user_locale() == "ja"
        QgsSettings().setValue("locale/overrideFlag", False)
        assert user_locale() == QLocale.system().name()
    assert install_translator("en_US") is None
    assert install_translator("xx") is None
    ja = install_translator("ja_JP")   # ja_JP falls back to geoinverse_ja.qm
    try:
        assert ja is not None and not ja.isEmpty()
    finally:
        from geoinverse.plugin.i18n import remove_translator
        remove_translator(ja)
