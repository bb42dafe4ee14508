"""geoinverse:gridsoundings — bin soundings into depth, count and spread rasters."""
from qgis.core import (QgsProcessingParameterExtent,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.soundings import STATISTICS, grid_soundings
from .base import GeoInverseAlgorithm
from .soundings_io import add_soundings_input, read_soundings

HELP = """Grids soundings (typically the accepted output of "Clean soundings") into a north-up raster in the soundings' CRS.

- <b>Soundings</b> and <b>Depth field</b> (empty: the points' Z). Soundings without a depth are left out and counted in the log.
- <b>Cell size</b> in the layer's CRS units (degrees for a geographic layer); 0 = twice the median distance between neighbouring soundings, rounded to two significant digits.
- <b>Extent</b>: the grid's extent (default: the soundings' bounding box); soundings outside it are counted in the log.
- <b>Statistic</b>: median, mean or shoalest (the maximum when depths are negative down, the minimum when positive down, decided from the sign of the median depth).

Outputs (float32 GeoTIFF, NaN nodata where no sounding falls, so gap filling and super-resolution take them as they are): <b>Depth</b>, <b>Count</b> (soundings per cell) and <b>Standard deviation</b> of the depths in each cell (0 with one sounding).

Method: one pass of np.bincount for counts, means and spreads and one sort for medians and shoalest values; no loop over soundings or cells."""


class GridSoundingsAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "gridsoundings"
    group_id = "soundings"
    display = "Grid soundings"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        add_soundings_input(self)
        self.addParameter(QgsProcessingParameterNumber(
            "CELL_SIZE", self.tr("Cell size in layer units (0 = from the soundings)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterExtent(
            "EXTENT", self.tr("Extent (default: the soundings')"), optional=True))
        self.add_choice("STATISTIC", "Statistic", STATISTICS, "median")
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Depth")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "COUNT", self.tr("Count (soundings per cell)")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "STDDEV", self.tr("Standard deviation")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source, x, y, z, crs, _, _ = read_soundings(self, parameters, context, feedback)
        extent = None
        if parameters.get("EXTENT"):
            rect = self.parameterAsExtent(parameters, "EXTENT", context, source.sourceCrs())
            extent = (rect.xMinimum(), rect.xMaximum(), rect.yMinimum(), rect.yMaximum())
        outputs = {key: self.output_path(parameters, key, context)
                   for key in ("OUTPUT", "COUNT", "STDDEV")}
        statistic = self.choice(parameters, "STATISTIC", context)
        g = self.run_core(feedback, grid_soundings, x, y, z, crs, outputs["OUTPUT"],
                          cell_size=self.parameterAsDouble(parameters, "CELL_SIZE", context),
                          extent=extent, statistic=statistic, count_path=outputs["COUNT"],
                          stddev_path=outputs["STDDEV"])
        feedback.pushInfo(
            f"Gridded {g.used:,} soundings into {g.width} x {g.height} cells of "
            f"{g.cell_size:g} ({g.filled_cells:,} cells hold soundings; {g.outside:,} "
            f"soundings outside the extent or without depth); statistic: {statistic}"
            + (f", shoalest = {g.shoalest_is}" if g.shoalest_is else "") + ".")
        return outputs
