"""The GeoInverse Processing provider: every algorithm, and the shipped models."""
import glob
import os
from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .processing import ALGORITHMS

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))
MODELS_DIR = Path(__file__).resolve().parent / "models"
# A model's id is its name (short, stable: the qgis_process id); QGIS would also show
# that name in the toolbox, so shipped models get a readable title here.
MODEL_TITLES = {"soundingstogrid": "Soundings to high-resolution grid"}


class ShippedModel(QgsProcessingModelAlgorithm):
    """A .model3 from plugin/models, listed under a readable title, that refuses to start
    when any of its steps could not run (so no step writes a partial result)."""

    def displayName(self):  # noqa: N802
        return MODEL_TITLES.get(self.name(), self.name())

    def createInstance(self):  # noqa: N802
        # QGIS's own createInstance() would return a plain model, without these checks.
        model = ShippedModel()
        model.loadVariant(self.toVariant())
        return model

    def canExecute(self):  # noqa: N802
        for child in self.childAlgorithms().values():
            algorithm = child.algorithm()
            if algorithm is None:
                continue
            ok, message = algorithm.canExecute()
            if not ok:
                return False, QCoreApplication.translate(
                    "GeoInverse", "Step '{}' ({}) cannot run, so the model does not start: "
                    "{}").format(child.description() or algorithm.displayName(),
                                 algorithm.id(), message)
        return True, ""

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # processing.run and qgis_process do not consult canExecute() in QGIS 3.22.
        ok, message = self.canExecute()
        if not ok:
            raise QgsProcessingException(message)
        return super().prepareAlgorithm(parameters, context, feedback)


def plugin_icon():
    return QIcon(os.path.join(PLUGIN_DIR, "icon.png"))


class GeoInverseProvider(QgsProcessingProvider):
    def id(self):
        return "geoinverse"

    def name(self):
        return "GeoInverse"

    def longName(self):  # noqa: N802
        return "GeoInverse \u2014 data-driven inverse methods for bathymetry and petrology"

    def icon(self):
        return plugin_icon()

    def defaultVectorFileExtension(self, hasGeometry=True):  # noqa: N802,N803
        # FlatGeobuf can store layers without a CRS (EPMA spots in pixel coordinates);
        # GeoPackage always names one. Tables without geometry stay GeoPackage.
        return "fgb" if hasGeometry else "gpkg"

    def loadAlgorithms(self):  # noqa: N802
        for algorithm_class in ALGORITHMS:
            self.addAlgorithm(algorithm_class())
        for path in sorted(glob.glob(str(MODELS_DIR / "*.model3"))):
            model = ShippedModel()
            if model.fromFile(path):
                self.addAlgorithm(model)
