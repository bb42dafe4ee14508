"""geoinverse:epmaquantify, quantitative wt% maps from X-ray maps and spots (qntmap)."""
from qgis.core import (QgsProcessing, QgsProcessingOutputFile, QgsProcessingOutputRasterLayer,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterField, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination, QgsProcessingParameterString)

from ...algorithms.petrology.epma import mapset_title
from ...algorithms.petrology.quantify import quantify_mapset
from .base import GeoInverseAlgorithm

HELP = """Turns X-ray maps into oxide wt% maps calibrated on the spot analyses (the qntmap method).

For oxide i and phase c: w_i = max(0, sum_c m_c alpha_ic (beta_i I_i - gamma_ic)), I the map counts, m_c the phase memberships. beta_i: least squares through the origin of spot peak intensity on the map intensity under the spot (cps/uA), over spots classified as their own phase, after rejecting spots whose peak and map intensities both leave their 99% Poisson prediction interval around a median (quantile) regression. alpha_ic: wt% over net intensity through the origin for the spots of phase c; gamma_ic: their mean background intensity. A phase with one spot or no net signal takes alpha pooled over all spots of the oxide; a phase without spots takes pooled alpha and gamma (the parameter table says which).

- <b>Map set</b>: the output folder of 'Import EPMA map set' (with spots).
- <b>Phase folder</b> (optional): the output of 'Classify phases'. Without it the phases are found qntmap's way (Poisson LDA from the spot phases).
- <b>Mask polygons</b> (optional): only pixels inside them are quantified; the mean composition of each polygon goes to <code>bulk.csv</code>, named by <b>Polygon name field</b>.
- <b>Phase densities</b> (optional, e.g. <code>Ol=3.32, Qtz=2.65</code>): weights the polygon means by the density map sum_c m_c rho_c (a local bulk composition by mass).
- <b>Standard errors</b>: also writes <code>OXIDE_se.tif</code> and <code>Total_se.tif</code> as qntmap 1.0.2 computes them.

Outputs (output folder): <code>OXIDE.tif</code> per oxide and <code>Total.tif</code> in wt% (float32, no CRS, overlaying the maps), <code>parameters.csv</code> (alpha, beta, gamma, spots and pooling per oxide and phase), <code>bulk.csv</code>.
Matches qntmap 1.0.2 on its example: same alpha, beta, gamma, phase labels, and maps within 1e-5 wt% (float32 outputs).

Reference: Yasumoto et al. (2018) American Mineralogist 103:1690-1698."""


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
            self.parameterAsBool(parameters, "SE", context))
        for ox, el, ph, a, b, g, n, pooled in params.rows():
            note = f" (pooled {pooled})" if pooled else ""
            feedback.pushInfo(f"{ox} in {ph}: alpha {a:.6g}, beta {b:.6g}, gamma {g:.6g}, "
                              f"{n} spots{note}")
        unknown = getattr(params, "unknown_phases", [])
        if unknown:
            feedback.reportError(f"Spot phases {unknown} are not among the classified phases "
                                 f"{phases}: they enter only the pooled alpha.")
        if params.rejected:
            feedback.pushInfo(f"Spots rejected as outliers for beta: {params.rejected}")
        for k, name, row in bulk:
            feedback.pushInfo(f"Polygon {k} {name}: Total {row['Total']:.2f} wt% "
                              f"over {row['pixels']} pixels")
        maps = [(path, name, "raster") for name, path in paths.items()
                if path.endswith(".tif") and not name.endswith("_se")]
        self.load_on_completion(context, self.tr("EPMA quantified \u2014 ") +
                                mapset_title(source), maps)
        return {"OUTPUT": folder, "TOTAL": paths["Total"], "PARAMETERS": paths["parameters"],
                "BULK": paths.get("bulk", "")}
