"""geoinverse:comparegrids, how hydrographers validate a grid and how benchmarks score."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer)

from ...algorithms import report
from ...algorithms.compare import PERCENTILES, compare_grids, report_html
from .base import GeoInverseAlgorithm

HELP = """Says how far a grid is from a reference grid: RMSE, mean and max error, bias, and the error by slope class.

Use: the <b>Input grid</b> and the <b>Reference grid</b>. An input on another grid is resampled onto the reference's. An optional <b>Mask</b> limits the comparison to its non-zero cells.

Out: a <b>Difference</b> grid (input minus reference), an HTML <b>Report</b>, and the statistics as numbers for models and scripts.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""

NUMBER_OUTPUTS = [("RMSE", "rmse", "Root mean square error"), ("MAE", "mae", "Mean absolute error"),
                  ("BIAS", "bias", "Bias (mean of input - reference)"),
                  ("MAX_ABS_ERROR", "max_abs", "Maximum absolute error"),
                  ("COUNT", "count", "Number of compared cells")]
PERCENTILE_OUTPUTS = [(f"P{p}", f"p{p}", p) for p in PERCENTILES]


class CompareGridsAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "comparegrids"
    group_id = "gridtools"
    display = "Compare grid with reference"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster_input("INPUT", "Input grid", "BAND")
        self.add_raster_input("REFERENCE", "Reference grid", "REFERENCE_BAND")
        self.addParameter(QgsProcessingParameterRasterLayer(
            "MASK", self.tr("Mask (compare where non-zero)"), optional=True))
        self.add_tile_parameter()
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Difference (input - reference)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", self.tr("Report"), self.tr("HTML files (*.html)")))
        for key, _, label in NUMBER_OUTPUTS:
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))
        for key, _, p in PERCENTILE_OUTPUTS:
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(
                "{p}th percentile of absolute error").format(p=p)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        src = self.raster_path(parameters, "INPUT", context)
        ref = self.raster_path(parameters, "REFERENCE", context)
        mask = self.raster_path(parameters, "MASK", context, optional=True)
        difference = self.output_path(parameters, "OUTPUT", context)
        report_path = self.parameterAsFileOutput(parameters, "REPORT", context)
        result = self.run_core(
            feedback, compare_grids, src, ref,
            input_band=self.parameterAsInt(parameters, "BAND", context),
            reference_band=self.parameterAsInt(parameters, "REFERENCE_BAND", context),
            mask_path=mask, difference_path=difference,
            tile=self.parameterAsInt(parameters, "TILE", context))
        report.write(report_path, report_html(result, src, ref))
        s = result.stats
        feedback.pushInfo(self.tr(
            "Compared {count:,} cells: RMSE {rmse:.4g}, MAE {mae:.4g}, bias {bias:.4g}, "
            "max |error| {max_abs:.4g}.").format(count=s["count"], rmse=s["rmse"],
                                                 mae=s["mae"], bias=s["bias"],
                                                 max_abs=s["max_abs"]))
        outputs = {"OUTPUT": difference, "REPORT": report_path}
        outputs.update({key: s[stat] for key, stat, _ in NUMBER_OUTPUTS + PERCENTILE_OUTPUTS})
        return outputs
