"""geoinverse:bicubic, the reference every super-resolution method is measured against."""
from qgis.core import QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination

from ...algorithms.bathymetry.resample import upsample_raster
from .base import GeoInverseAlgorithm

HELP = """Upsamples one band of a grid by 2, 3 or 4 with bicubic (Keys cubic convolution, a = -0.5, as GDAL's cubic) interpolation.

This is the baseline every GeoInverse super-resolution method is measured against, with the same georeferencing and nodata rules:
- <b>Input grid</b>, <b>Band</b>: any GDAL-readable grid (GeoTIFF, GMT/netCDF, ASCII grid, VRT); integer grids are read as float32.
- <b>Scale factor</b>: 2, 3 or 4. The output keeps the input's origin and CRS; its cells are the input's divided by the scale. A grid without georeferencing (an EPMA map) stays without.
- Nodata: an output cell is nodata exactly where its 4 x 4 support touches nodata; valid cells are never affected by holes beyond that support.
- <b>Tile size</b> (advanced): the grid is processed in tiles with reflected context on all four sides, so memory is bounded by the tile and the result equals a single pass.

Output: float32 GeoTIFF (or the format of the chosen extension), nodata kept from the input.

Reference: R. G. Keys (1981), Cubic convolution interpolation for digital image processing, IEEE Trans. ASSP 29(6):1153-1160."""


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
        feedback.pushInfo(f"Upsampled {w} x {h} to {ow} x {oh} cells (x{scale}); "
                          f"{info['valid_cells']:,} valid input cells; "
                          f"{info['tiles']} tile(s) in {info['seconds']:.2f} s.")
        return {"OUTPUT": dst}
