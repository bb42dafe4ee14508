"""geoinverse:epmaphases, phase classification of EPMA maps (hard labels + memberships)."""
from qgis.core import (QgsProcessing, QgsProcessingOutputFile, QgsProcessingOutputRasterLayer,
                       QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber)

from ...algorithms.petrology.phases import METHODS, classify_to_folder
from .base import GeoInverseAlgorithm

HELP = """Classifies every pixel of an EPMA map set into phases, with a soft membership per phase.

- <b>Map set</b>: the output folder of 'Import EPMA map set' (or a JEOL map folder with its .qnt).
- <b>Method</b>:
  <i>Poisson LDA from spot phases</i> (qntmap): starting centres are the median counts under each phase's spots, every pixel takes the nearest centre, then Poisson linear discriminant analysis (Witten 2011) with a power transform is trained on those labels; memberships are the softmax of the discriminant scores. Identical labels to qntmap 1.0.2 on its example.
  <i>Poisson LDA from polygons</i>: the same discriminant trained on the pixels inside the <b>Training polygons</b>, one phase per value of <b>Phase field</b>.
  <i>Gaussian mixture</i> (unsupervised): <b>Number of phases</b> Gaussian components on square-root counts; phases are named P1..Pn by increasing counts of the first element.
- <b>Output folder</b>: <code>labels.tif</code> (1-based phase number), <code>membership_PHASE.tif</code> per phase, <code>modal.csv</code> (pixels, area fraction, mean membership per phase) and <code>phases.json</code>. Rasters have no CRS and overlay the maps.

References: Yasumoto et al. (2018) Am. Mineral. 103:1690; Witten (2011) Ann. Appl. Stat. 5:2493."""


class EpmaPhasesAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "epmaphases"
    group_id = "petrology"
    display = "Classify phases"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Map set folder"), behavior=QgsProcessingParameterFile.Folder))
        self.add_choice("METHOD", "Method (spots: Poisson LDA from spot phases; polygons: "
                        "Poisson LDA from polygons; mixture: Gaussian mixture)",
                        METHODS, "spots")
        self.addParameter(QgsProcessingParameterFeatureSource(
            "POLYGONS", self.tr("Training polygons"), [QgsProcessing.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "PHASE_FIELD", self.tr("Phase field"), parentLayerParameterName="POLYGONS",
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "N_PHASES", self.tr("Number of phases (unsupervised)"),
            QgsProcessingParameterNumber.Integer, 3, minValue=2, maxValue=30))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT", self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputRasterLayer("LABELS", self.tr("Phase labels")))
        self.addOutput(QgsProcessingOutputFile("MODAL", self.tr("Modal abundances")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        method = self.choice(parameters, "METHOD", context)
        polygons = None
        if method == "polygons" and parameters.get("POLYGONS"):
            polygons = self.parameterAsCompatibleSourceLayerPath(
                parameters, "POLYGONS", context, ["gpkg", "shp"], "gpkg", feedback)
        folder = self.parameterAsString(parameters, "OUTPUT", context)
        result, paths = self.run_core(
            feedback, classify_to_folder, self.parameterAsFile(parameters, "INPUT", context),
            folder, method, polygons,
            self.parameterAsString(parameters, "PHASE_FIELD", context) or None,
            self.parameterAsInt(parameters, "N_PHASES", context))
        for phase, pixels, fraction, mean in result.modal():
            feedback.pushInfo(f"{phase}: {pixels} pixels ({100 * fraction:.2f} %), "
                              f"mean membership {mean:.4f}")
        if "power" in result.info:
            feedback.pushInfo(f"Poisson LDA power transform: {result.info['power']:.4f}")
        return {"OUTPUT": folder, "LABELS": paths["labels"], "MODAL": paths["modal"]}
