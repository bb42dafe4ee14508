"""geoinverse:epmaquantify, quantitative wt% maps from X-ray maps and spots (qntmap)."""
from qgis.core import (QgsProcessing, QgsProcessingOutputFile, QgsProcessingOutputRasterLayer,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterString)

from ...algorithms.petrology.epma import mapset_title
from ...algorithms.petrology.quantify import DENOISE_MODES, quantify_mapset
from .base import GeoInverseAlgorithm

HELP = """Turns EPMA X-ray maps into oxide wt% maps calibrated on the spot analyses (the qntmap method).

Use: the <b>Map set folder</b> from 'Import EPMA map set' (with spots) and, optionally, the <b>Phase folder</b> from 'Classify phases' (computed if left empty). Optional <b>Mask polygons</b> give the bulk composition of each polygon.

Spots with wt% only (an XMapTools project) are standardised on the map counts under them, per phase, after <b>Denoise counts</b> (poisson: phase-aware Poisson denoising, the default; mean3: 3 x 3 means; none: pixel by pixel); the denoised count maps and their standard errors are written too.

Out: an <b>Output folder</b> with one wt% map per oxide, the Total, standard-error maps and the calibration table. After a run in QGIS the oxide and Total maps are in the project, in one group. The folder is temporary unless you choose one.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class EpmaQuantifyAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "epmaquantify"
    group_id = "petrology"
    display = "Quantify EPMA maps"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Map set folder"), behavior=QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterFile(
            "PHASES", self.tr("Phase folder (from 'Classify phases')"),
            behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "MASK", self.tr("Mask polygons"), [QgsProcessing.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterField(
            "MASK_FIELD", self.tr("Polygon name field"), parentLayerParameterName="MASK",
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "DENSITIES", self.tr("Phase densities (PHASE=g/cm3, ...)"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean(
            "SE", self.tr("Standard-error maps"), defaultValue=True))
        self.add_choice("DENOISE", "Denoise counts for wt%-spot standardisation (poisson: "
                        "phase-aware Poisson denoising; mean3: 3 x 3 means; none)",
                        DENOISE_MODES, "poisson")
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT", self.tr("Output folder (temporary, deleted when QGIS closes, unless "
                                 "you choose one)")))
        self.addOutput(QgsProcessingOutputRasterLayer("TOTAL", self.tr("Total wt%")))
        self.addOutput(QgsProcessingOutputFile("PARAMETERS", self.tr("Parameters")))
        self.addOutput(QgsProcessingOutputFile("BULK", self.tr("Polygon compositions")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        mask = None
        if parameters.get("MASK"):
            mask = self.parameterAsCompatibleSourceLayerPath(
                parameters, "MASK", context, ["gpkg", "shp"], "gpkg", feedback)
        folder = self.parameterAsString(parameters, "OUTPUT", context)
        source = self.parameterAsFile(parameters, "INPUT", context)
        params, paths, bulk, phases = self.run_core(
            feedback, quantify_mapset, source, folder, self.parameterAsFile(parameters, "PHASES", context) or None, mask,
            self.parameterAsString(parameters, "MASK_FIELD", context) or None,
            self.parameterAsString(parameters, "DENSITIES", context),
            self.parameterAsBool(parameters, "SE", context),
            denoise=self.choice(parameters, "DENOISE", context))
        for ox, el, ph, a, b, g, n, pooled in params.rows():
            note = self.tr(" (pooled {pooled})").format(pooled=pooled) if pooled else ""
            feedback.pushInfo(self.tr(
                "{oxide} in {phase}: alpha {a:.6g}, beta {b:.6g}, gamma {g:.6g}, {n} "
                "spots").format(oxide=ox, phase=ph, a=a, b=b, g=g, n=n) + note)
        unknown = getattr(params, "unknown_phases", [])
        if unknown:
            feedback.reportError(self.tr(
                "Spot phases {unknown} are not among the classified phases {phases}: they "
                "enter only the pooled alpha.").format(unknown=unknown, phases=phases))
        if params.rejected:
            feedback.pushInfo(self.tr("Spots rejected as outliers for beta: {spots}").format(
                spots=params.rejected))
        if getattr(params, "mode", "") == "wt-spots":
            feedback.pushInfo(self.tr(
                "Standardised on the wt% of the spots, counts {denoise}-denoised; kernel "
                "widths (px) per phase {phases}: {widths}").format(
                denoise=params.denoise, phases=params.phases, widths=params.widths))
        for k, name, row in bulk:
            feedback.pushInfo(self.tr(
                "Polygon {k} {name}: Total {total:.2f} wt% over {pixels} pixels").format(
                k=k, name=name, total=row["Total"], pixels=row["pixels"]))
        maps = [(path, name, "raster") for name, path in paths.items()
                if path.endswith(".tif") and not name.endswith("_se")]
        self.load_on_completion(context, self.tr("EPMA quantified \u2014 {maps}").format(
            maps=mapset_title(source)), maps)
        return {"OUTPUT": folder, "TOTAL": paths["Total"], "PARAMETERS": paths["parameters"],
                "BULK": paths.get("bulk", "")}
