"""The plugin's translations: i18n/geoinverse_<locale>.qm for the language QGIS uses.

Installed when the plugin is created (classFactory -> GeoInversePlugin.__init__), before
the provider exists, so that the desktop and qgis_process (which calls classFactory(None)
and initProcessing() only) both get translated names, labels, help and messages.
"""
import os

from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

I18N_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")


def user_locale(settings=None):
    """The locale QGIS's user interface uses, as QGIS chooses it: locale/userLocale when
    locale/overrideFlag is set, else the system's (QGIS then stores that as userLocale)."""
    settings = settings or QgsSettings()
    override = settings.value("locale/overrideFlag", False, type=bool)
    chosen = settings.value("locale/userLocale", "", type=str) or ""
    if override and chosen:
        return chosen
    return QLocale.system().name()


def install_translator(locale=None):
    """Load geoinverse_<locale>.qm (geoinverse_ja_JP.qm, then geoinverse_ja.qm) into the
    application; the installed QTranslator, or None when there is none for the locale
    (English, the source language, needs none)."""
    locale = locale or user_locale()
    translator = QTranslator()
    if not locale or not translator.load(f"geoinverse_{locale}", I18N_DIR):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def remove_translator(translator):
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
