"""geoinverse:epmaphases, phase classification of EPMA maps (hard labels + memberships)."""
from qgis.core import (QgsProcessing, QgsProcessingOutputFile, QgsProcessingOutputRasterLayer,
                       QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterNumber)

from ...algorithms.petrology.epma import mapset_title
from ...algorithms.petrology.phases import METHODS, classify_to_folder
from .base import GeoInverseAlgorithm

HELP = """Classifies every pixel of an EPMA map set into phases, with a membership per phase.

Use: the <b>Map set folder</b> from 'Import EPMA map set' and a <b>Method</b>: <i>spots</i> (the phases of the spot analyses, as qntmap), <i>polygons</i> (phases you draw: <b>Training polygons</b> and their <b>Phase field</b>), <i>mixture</i> (unsupervised, <b>Number of phases</b>) or <i>sfcm</i> (unsupervised spatial fuzzy c-means, GEOFCM: <b>Number of phases</b>, <b>Fuzziness m</b>, <b>Spatial weight</b>, <b>Neighbourhood window</b>; memberships graded where phases meet). For an XMapTools project, <i>spots</i> starts from the training pixels of its Classification.txt.

Out: an <b>Output folder</b> with the phase labels, one membership map per phase and the modal abundances. After a run in QGIS the maps are in the project, in one group. The folder is temporary unless you choose one.

The <i>mixture</i> method needs scikit-learn: Plugins > GeoInverse > Install missing packages.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class EpmaPhasesAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "epmaphases"
    group_id = "petrology"
    display = "Classify phases"
    help = HELP
    option_requirements = ("sklearn",)  # the Gaussian mixture method only

    def requirements_for(self, parameters, context):
        return ("sklearn",) if self.choice(parameters, "METHOD", context) == "mixture" else ()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Map set folder"), behavior=QgsProcessingParameterFile.Folder))
        self.add_choice("METHOD", "Method (spots: Poisson LDA from spot phases; polygons: "
                        "Poisson LDA from polygons; mixture: Gaussian mixture; sfcm: "
                        "spatial fuzzy c-means)", METHODS, "spots")
        self.addParameter(QgsProcessingParameterFeatureSource(
            "POLYGONS", self.tr("Training polygons"), [QgsProcessing.TypeVectorPolygon],
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "PHASE_FIELD", self.tr("Phase field"), parentLayerParameterName="POLYGONS",
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "N_PHASES", self.tr("Number of phases (unsupervised)"),
            QgsProcessingParameterNumber.Integer, 3, minValue=2, maxValue=30))
        for name, label, kind, default, low in (
                ("FCM_M", "Fuzziness m (spatial fuzzy c-means)", "Double", 2.0, 1.01),
                ("FCM_SPATIAL", "Spatial weight (spatial fuzzy c-means; 0: plain FCM)",
                 "Double", 1.0, 0.0),
                ("FCM_WINDOW", "Neighbourhood window, pixels (spatial fuzzy c-means)",
                 "Integer", 3, 3)):
            self.addParameter(QgsProcessingParameterNumber(
                name, self.tr(label), getattr(QgsProcessingParameterNumber, kind), default,
                minValue=low))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT", self.tr("Output folder (temporary, deleted when QGIS closes, unless "
                                 "you choose one)")))
        self.addOutput(QgsProcessingOutputRasterLayer("LABELS", self.tr("Phase labels")))
        self.addOutput(QgsProcessingOutputFile("MODAL", self.tr("Modal abundances")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        method = self.choice(parameters, "METHOD", context)
        polygons = None
        if method == "polygons" and parameters.get("POLYGONS"):
            polygons = self.parameterAsCompatibleSourceLayerPath(
                parameters, "POLYGONS", context, ["gpkg", "shp"], "gpkg", feedback)
        folder = self.parameterAsString(parameters, "OUTPUT", context)
        source = self.parameterAsFile(parameters, "INPUT", context)
        result, paths = self.run_core(
            feedback, classify_to_folder, source, folder, method, polygons,
            self.parameterAsString(parameters, "PHASE_FIELD", context) or None,
            self.parameterAsInt(parameters, "N_PHASES", context),
            fcm={"m": self.parameterAsDouble(parameters, "FCM_M", context),
                 "spatial": self.parameterAsDouble(parameters, "FCM_SPATIAL", context),
                 "window": self.parameterAsInt(parameters, "FCM_WINDOW", context)})
        for phase, pixels, fraction, mean in result.modal():
            feedback.pushInfo(self.tr(
                "{phase}: {pixels} pixels ({percent:.2f} %), mean membership "
                "{mean:.4f}").format(phase=phase, pixels=pixels, percent=100 * fraction,
                                     mean=mean))
        if "power" in result.info:
            feedback.pushInfo(self.tr("Poisson LDA power transform: {power:.4f}").format(
                power=result.info["power"]))
        self.load_on_completion(
            context, self.tr("EPMA phases \u2014 {maps}").format(maps=mapset_title(source)),
            [(paths["labels"], self.tr("Phase labels"), "raster")] +
            [(paths[p], self.tr("Membership {phase}").format(phase=p), "raster")
             for p in result.phases])
        return {"OUTPUT": folder, "LABELS": paths["labels"], "MODAL": paths["modal"]}
