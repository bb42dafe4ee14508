"""The object QGIS holds for the plugin: the Processing provider, and in the desktop the
Plugins > GeoInverse menu (Install missing packages, Load sample data).

qgis_process calls `classFactory(None)` and `initProcessing()` only, so nothing here may
touch `iface` outside `initGui` (DESIGN.md rule 5).
"""
import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

from .i18n import install_translator, remove_translator
from .provider import PLUGIN_DIR, GeoInverseProvider, plugin_icon

SAMPLE_GRID = os.path.join(PLUGIN_DIR, "sample_data", "azores_1m.tif")


class GeoInversePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.actions = []
        self.installer = None
        self.translator = install_translator()

    def tr(self, text):
        return QCoreApplication.translate("GeoInverse", text)

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        if self.provider is None:
            self.provider = GeoInverseProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)
            self.provider.attach_models()

    def initGui(self):  # noqa: N802
        from qgis.PyQt.QtWidgets import QAction
        self.initProcessing()
        for text, slot in ((self.tr("Install missing packages\u2026"), self.show_installer),
                           (self.tr("Load sample data"), self.load_sample_data)):
            action = QAction(plugin_icon(), text, self.iface.mainWindow())
            action.triggered.connect(slot)
            self.iface.addPluginToMenu(self.tr("&GeoInverse"), action)
            self.actions.append(action)
        self.install_action, self.sample_action = self.actions

    def unload(self):
        for action in self.actions:
            self.iface.removePluginMenu(self.tr("&GeoInverse"), action)
        self.actions = []
        if self.installer is not None:
            self.installer.close()
            self.installer = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        remove_translator(self.translator)
        self.translator = None

    def show_installer(self):
        from .installer_dialog import InstallerDialog
        if self.installer is None or not self.installer.isVisible():
            self.installer = InstallerDialog(self.iface.mainWindow())
        self.installer.show()
        self.installer.raise_()
        return self.installer

    def load_sample_data(self):
        """Add the shipped sample grid to the project, with a button to super-resolve it."""
        from qgis.core import Qgis
        from qgis.PyQt.QtWidgets import QPushButton
        layer = self.iface.addRasterLayer(SAMPLE_GRID, self.tr("Azores bathymetry (sample)"))
        bar = self.iface.messageBar()
        if layer is None or not layer.isValid():
            bar.pushCritical("GeoInverse", self.tr("The sample grid {} could not be "
                                                   "opened.").format(SAMPLE_GRID))
            return None
        self.iface.setActiveLayer(layer)
        self.iface.zoomToActiveLayer()
        message = bar.createMessage("GeoInverse", self.tr(
            "Sample grid loaded (1' bathymetry, Azores)."))
        button = QPushButton(self.tr("Super-resolve it\u2026"))
        button.clicked.connect(lambda: self.open_superresolve(layer))
        message.layout().addWidget(button)
        bar.pushWidget(message, Qgis.Info, 15)
        return layer

    def open_superresolve(self, layer):
        import processing
        processing.execAlgorithmDialog("geoinverse:superresolve", {"INPUT": layer.id()})
