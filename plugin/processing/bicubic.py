"""geoinverse:bicubic, the reference every super-resolution method is measured against."""
from qgis.core import QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination

from ...algorithms.bathymetry.resample import upsample_raster
from .base import GeoInverseAlgorithm

HELP = """Makes a grid 2, 3 or 4 times finer by bicubic interpolation (GDAL's cubic). It is the baseline the GeoInverse super-resolution methods are measured against.

Use: an <b>Input grid</b> and a <b>Scale factor</b>.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. A cell is nodata where its interpolation touches nodata.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class BicubicAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "bicubic"
    group_id = "superresolution"
    display = "Upsample grid (bicubic reference)"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster_input()
        self.addParameter(QgsProcessingParameterNumber(
            "SCALE", self.tr("Scale factor (2, 3 or 4)"),
            QgsProcessingParameterNumber.Integer, 2))
        self.add_tile_parameter()
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Upsampled grid")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        src = self.raster_path(parameters, "INPUT", context)
        band = self.parameterAsInt(parameters, "BAND", context)
        scale = self.parameterAsInt(parameters, "SCALE", context)
        tile = self.parameterAsInt(parameters, "TILE", context)
        dst = self.output_path(parameters, "OUTPUT", context)
        info = self.run_core(feedback, upsample_raster, src, dst, scale, band, tile=tile)
        (w, h), (ow, oh) = info["input_size"], info["output_size"]
        feedback.pushInfo(self.tr(
            "Upsampled {w} x {h} to {ow} x {oh} cells (x{scale}); {valid:,} valid input "
            "cells; {tiles} tile(s) in {seconds:.2f} s.").format(
            w=w, h=h, ow=ow, oh=oh, scale=scale, valid=info["valid_cells"],
            tiles=info["tiles"], seconds=info["seconds"]))
        return {"OUTPUT": dst}
