"""geoinverse:installdependencies, the pip packages GeoInverse's algorithms need, installed
into a plugin-local folder of the QGIS profile (the dialog Plugins > GeoInverse > Install
missing packages runs the same code)."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputBoolean,
                       QgsProcessingOutputFolder, QgsProcessingOutputString,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFile)

from .. import dependencies
from ..packages import InstallError
from .base import GeoInverseAlgorithm

HELP = """Installs the Python packages that some GeoInverse algorithms need and QGIS does not ship (onnxruntime, scikit-learn), with QGIS's own Python and pip. QGIS's numpy and scipy are kept; if anything fails, nothing is installed.

Use: run it once, without parameters, when an algorithm says a package is missing. Offline: give a <b>Wheelhouse folder</b> of .whl files downloaded beforehand and tick <b>Only the wheelhouse</b>.

Out: the packages in <code>geoinverse-packages</code> in the QGIS profile's python folder, used at once (the log says when QGIS must be restarted instead). Remove that folder to uninstall.

The <b>Help</b> button opens the full description."""


class InstallDependenciesAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "installdependencies"
    group_id = "setup"
    display = "Install missing packages"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "WHEELHOUSE", self.tr("Wheelhouse folder (offline installs)"),
            behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "NO_INDEX", self.tr("Only the wheelhouse (no internet)"), False))
        self.addOutput(QgsProcessingOutputFolder("FOLDER", self.tr("Packages folder")))
        self.addOutput(QgsProcessingOutputString("INSTALLED", self.tr("Installed packages")))
        self.addOutput(QgsProcessingOutputBoolean("RESTART", self.tr("Restart QGIS needed")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        wheelhouse = self.parameterAsFile(parameters, "WHEELHOUSE", context) or None
        no_index = self.parameterAsBool(parameters, "NO_INDEX", context)
        if no_index and not wheelhouse:
            raise QgsProcessingException(self.tr(
                "'Only the wheelhouse' needs a wheelhouse folder of downloaded wheels."))
        try:
            result = dependencies.install_missing(
                find_links=wheelhouse, no_index=no_index, log=feedback.pushConsoleInfo,
                progress=lambda f: feedback.setProgress(100.0 * f),
                cancelled=feedback.isCanceled)
        except InstallError as error:
            raise QgsProcessingException(str(error)) from error
        if result["installed"]:
            feedback.pushInfo(self.tr("Installed {} into {}").format(
                ", ".join(result["installed"]), result["folder"]))
        if result["restart"]:
            feedback.pushWarning(self.tr("Restart QGIS so that the algorithms use the new "
                                         "packages."))
        return {"FOLDER": result["folder"], "INSTALLED": ", ".join(result["installed"]),
                "RESTART": result["restart"]}
