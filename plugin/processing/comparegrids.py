"""geoinverse:comparegrids, how hydrographers validate a grid and how benchmarks score."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer)

from ...algorithms import report
from ...algorithms.compare import PERCENTILES, compare_grids, report_html
from .base import GeoInverseAlgorithm

HELP = """Compares a grid with a reference grid and reports how far it is from it.

- <b>Input grid</b> and <b>Reference grid</b> (with their bands): the errors are input minus reference, on the reference's grid. An input on another grid (cell size, extent or CRS) is resampled bilinearly onto the reference's grid first.
- <b>Mask</b> (optional): a raster; only cells where it is non-zero are compared.

Outputs:
- <b>Difference</b>: input minus reference, float32, on the reference's grid.
- <b>Report</b>: an HTML page with RMSE, MAE, bias, max |error|, the 50/90/95/99th percentiles of |error|, the same statistics by slope class of the reference (degrees; geographic cell sizes converted to metres), and a histogram of errors.
- The numbers themselves (RMSE, MAE, BIAS, MAX_ABS_ERROR, P50, P90, P95, P99, COUNT) as algorithm outputs, for models and scripts.

GeoInverse's benchmarks score every method with this algorithm."""

NUMBER_OUTPUTS = [("RMSE", "rmse", "Root mean square error"), ("MAE", "mae", "Mean absolute error"),
                  ("BIAS", "bias", "Bias (mean of input - reference)"),
                  ("MAX_ABS_ERROR", "max_abs", "Maximum absolute error"),
                  ("COUNT", "count", "Number of compared cells")] + [
    (f"P{p}", f"p{p}", f"{p}th percentile of absolute error") for p in PERCENTILES]


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
        feedback.pushInfo(f"Compared {s['count']:,} cells: RMSE {s['rmse']:.4g}, "
                          f"MAE {s['mae']:.4g}, bias {s['bias']:.4g}, "
                          f"max |error| {s['max_abs']:.4g}.")
        outputs = {"OUTPUT": difference, "REPORT": report_path}
        outputs.update({key: s[stat] for key, stat, _ in NUMBER_OUTPUTS})
        return outputs
