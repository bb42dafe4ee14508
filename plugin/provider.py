"""The GeoInverse Processing provider: every algorithm, and the shipped models."""
import glob
import os
from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingModelAlgorithm, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .processing import ALGORITHMS
from .processing.base import GROUPS, help_url, quiet_statistics_in_qgis_process

PLUGIN_DIR = os.path.dirname(os.path.dirname(__file__))
MODELS_DIR = Path(__file__).resolve().parent / "models"
# A model's id is its name (short, stable: the qgis_process id); QGIS would also show
# that name in the toolbox and the dialog, so shipped models get a readable title here.
MODEL_TITLES = {"soundingstogrid": "Soundings to high-resolution grid"}


class ShippedModel(QgsProcessingModelAlgorithm):
    """A .model3 from plugin/models: a readable title, the algorithms' own group, and its
    outputs named as the file names them (ACCEPTED, not QGIS's clean:ACCEPTED). It refuses to
    start when any of its steps could not run, so no step writes a partial result."""

    def __init__(self, path=None):
        super().__init__()
        self.path = path
        self.short_names = {}   # ACCEPTED -> clean:ACCEPTED

    def load(self):
        """Read the file; the outputs exist only once the child algorithms resolve, i.e.
        once the provider is registered (GeoInverseProvider.attach_models)."""
        if not self.fromFile(self.path):
            return False
        self.short_names = {}
        # The .model3 holds English; the translations come from i18n/ (scripts/i18n.py
        # extracts the descriptions and the help from the file).
        for param in self.parameterDefinitions():
            param.setDescription(_tr(param.description()))
        help_content = {key: _tr(text) if _translated_help(key, text) else text
                        for key, text in self.helpContent().items()}
        self.setHelpContent(help_content)
        # QGIS lists the outputs by name; list them in the order of the steps instead.
        steps = self.childAlgorithms()

        def position(param):
            child, _, output = param.name().partition(":")
            out = steps[child].modelOutput(output) if child in steps else None
            return (steps[child].position().y(), out.position().y()) if out else (0, 0)
        for param in sorted(self.destinationParameterDefinitions(), key=position):
            _, colon, short = param.name().partition(":")
            if not colon or self.parameterDefinition(short) is not None:
                continue
            renamed = param.clone()
            renamed.setName(short)
            self.short_names[short] = param.name()
            self.removeParameter(param.name())
            self.addParameter(renamed)
        return True

    def createInstance(self):  # noqa: N802
        instance = ShippedModel(self.path)
        instance.load()
        return instance

    def displayName(self):  # noqa: N802
        return _tr(MODEL_TITLES.get(self.name(), self.name()))

    def helpUrl(self):  # noqa: N802
        return help_url(self.name())

    def groupId(self):  # noqa: N802
        # The .model3 stores the group's title; the algorithms' groups have short ids.
        stored = QgsProcessingModelAlgorithm.group(self)
        return next((k for k, v in GROUPS.items() if v == stored),
                    QgsProcessingModelAlgorithm.groupId(self))

    def group(self):
        stored = QgsProcessingModelAlgorithm.group(self)
        return _tr(GROUPS.get(self.groupId(), stored))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        full = {self.short_names.get(k, k): v for k, v in parameters.items()}
        results = super().processAlgorithm(full, context, feedback)
        short = {v: k for k, v in self.short_names.items()}
        return {short.get(k, k): v for k, v in results.items()}

    def canExecute(self):  # noqa: N802
        for child in self.childAlgorithms().values():
            algorithm = child.algorithm()
            if algorithm is None:
                continue
            ok, message = algorithm.canExecute()
            if not ok:
                return False, _tr(
                    "Step '{}' ({}) cannot run, so the model does not start: "
                    "{}").format(child.description() or algorithm.displayName(),
                                 algorithm.id(), message)
        return True, ""

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # processing.run and qgis_process do not consult canExecute() in QGIS 3.22.
        ok, message = self.canExecute()
        if not ok:
            raise QgsProcessingException(message)
        return super().prepareAlgorithm(parameters, context, feedback)


def _translated_help(key, text):
    """The model help entries a user reads: the description and the parameters' help
    (not ALG_CREATOR, ALG_VERSION and the like)."""
    return bool(isinstance(text, str) and text.strip()
                and (key == "ALG_DESC" or not key.startswith("ALG_")))


def _tr(text):
    return QCoreApplication.translate("GeoInverse", text)


def plugin_icon():
    return QIcon(os.path.join(PLUGIN_DIR, "icon.png"))


class GeoInverseProvider(QgsProcessingProvider):
    def id(self):
        return "geoinverse"

    def name(self):
        return "GeoInverse"

    def longName(self):  # noqa: N802
        return _tr("GeoInverse \u2014 data-driven inverse methods for bathymetry and petrology")

    def icon(self):
        return plugin_icon()

    def defaultVectorFileExtension(self, hasGeometry=True):  # noqa: N802,N803
        # FlatGeobuf can store layers without a CRS (EPMA spots in pixel coordinates);
        # GeoPackage always names one. Tables without geometry stay GeoPackage.
        return "fgb" if hasGeometry else "gpkg"

    def loadAlgorithms(self):  # noqa: N802
        for algorithm_class in ALGORITHMS:
            self.addAlgorithm(algorithm_class())
        quiet_statistics_in_qgis_process()
        self.models = []
        for path in sorted(glob.glob(str(MODELS_DIR / "*.model3"))):
            model = ShippedModel(path)
            if model.load():
                self.models.append(model)
                self.addAlgorithm(model)

    def attach_models(self):
        """Read the shipped models again once this provider is in the registry: their
        child algorithms (ours) resolve only then, and with them the models' outputs."""
        for model in getattr(self, "models", []):
            model.load()
