"""geoinverse:gridsoundings — bin soundings into depth, count and spread rasters."""
from qgis.core import (QgsProcessingParameterExtent,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.soundings import STATISTICS, grid_soundings
from .base import GeoInverseAlgorithm
from .soundings_io import add_soundings_input, read_soundings

HELP = """Grids soundings (e.g. the accepted output of 'Clean soundings') into a north-up raster in the soundings' CRS.

Use: the <b>Soundings</b> and their <b>Depth field</b>. <b>Cell size</b> 0 picks one from the spacing of the soundings. <b>Statistic</b>: median (default), mean or shoalest.

Out: <b>Depth</b>, <b>Count</b> (soundings per cell) and <b>Standard deviation</b> rasters, nodata where no sounding falls, ready for gap filling and super-resolution.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


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
        feedback.pushInfo(self.tr(
            "Gridded {used:,} soundings into {width} x {height} cells of {cell:g} "
            "({filled:,} cells hold soundings; {outside:,} soundings outside the extent or "
            "without depth); statistic: {statistic}").format(
            used=g.used, width=g.width, height=g.height, cell=g.cell_size,
            filled=g.filled_cells, outside=g.outside, statistic=statistic)
            + (self.tr(", shoalest = {shoalest}").format(shoalest=g.shoalest_is)
               if g.shoalest_is else "") + ".")
        return outputs
