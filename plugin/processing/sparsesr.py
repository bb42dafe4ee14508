"""geoinverse:sparsesr, sparse-coding super-resolution with a learned terrain dictionary."""
from qgis.core import (QgsProcessingParameterFile, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.sparse_sr import super_resolve_raster
from .base import GeoInverseAlgorithm

HELP = """Super-resolves one band of a bathymetric grid by 2, 3 or 4 by sparse coding over a learned terrain dictionary: each small patch of relief is written as a sum of a few of the dictionary's patterns, and the fine detail those patterns carry is added to a bicubic estimate.

- <b>Input grid</b>, <b>Band</b>: any GDAL-readable grid (GeoTIFF, GMT/netCDF, ASCII grid); depths in any unit and sign convention (the method is scale-free: each patch is normalised by its own relief).
- <b>Scale factor</b>: must be the dictionary's scale. GeoInverse ships dictionaries for x2, x3 and x4, learned on real ETOPO5 and GMT bathymetry (training regions listed in the file's provenance) and validated on held-out grids, where their RMSE is 9-20 % below bicubic's.
- <b>Dictionary</b> (optional): a .npz written by 'Learn terrain dictionary'; empty = the shipped one for the scale. A dictionary of another scale is refused.
- <b>Dominant pattern</b> (optional output): for each coarse cell, the number (1-based) of the atom that dominates the patch centred on it, on the output grid; 0 = no relief. It maps where each characteristic micro-topography occurs (compare with the atoms sheet of 'Learn terrain dictionary').
- <b>Active atoms</b> (optional output): how many atoms each patch needed (1 to the dictionary's sparsity): more atoms = more complex relief.
- <b>Uncertainty</b>, <b>Provenance</b>, <b>Input provenance</b> (optional): the trust layers, as in 'Super-resolve bathymetry (deep network)'; the calibration is stored in the dictionary. An OUTPUT ending in .bag holds the grid and its uncertainty.
- <b>Tile size</b> (advanced): processed in tiles with reflected context, result equal to a single pass.

Method: coupled dictionaries (Yang et al. 2010; Zeyde et al. 2010): features are the first and second derivatives of a bicubic estimate, coded by orthogonal matching pursuit; back-projection then makes the output's block means reproduce the input. Georeferencing and nodata as 'Upsample grid (bicubic reference)': same origin and CRS, cell size divided by the scale, nodata where bicubic's 4 x 4 support touches nodata.

References: J. Yang, J. Wright, T. Huang, Y. Ma (2010), IEEE Trans. Image Process. 19(11):2861; R. Zeyde, M. Elad, M. Protter (2010), Curves and Surfaces, LNCS 6920:711; Yutani et al. (2022), Sensors 22(9):3198."""


class SparseSrAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "sparsesr"
    group_id = "superresolution"
    display = "Super-resolve bathymetry (sparse coding)"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster_input()
        self.addParameter(QgsProcessingParameterNumber(
            "SCALE", self.tr("Scale factor (the dictionary's: 2, 3 or 4)"),
            QgsProcessingParameterNumber.Integer, 2))
        self.addParameter(QgsProcessingParameterFile(
            "DICTIONARY", self.tr("Terrain dictionary (.npz; empty = shipped)"),
            extension="npz", optional=True))
        self.add_tile_parameter()
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Super-resolved grid")))
        self.add_trust_outputs(provenance_input=True)
        for key, label in (("PATTERNS", "Dominant pattern (atom number)"),
                           ("SPARSITY", "Active atoms per patch")):
            self.addParameter(QgsProcessingParameterRasterDestination(
                key, self.tr(label), optional=True, createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        src = self.raster_path(parameters, "INPUT", context)
        scale = self.parameterAsInt(parameters, "SCALE", context)
        dictionary = self.parameterAsFile(parameters, "DICTIONARY", context) or None
        dst = self.output_path(parameters, "OUTPUT", context)
        maps = {key: self.optional_output(parameters, key, context)
                for key in ("PATTERNS", "SPARSITY")}
        trust = self.trust_arguments(parameters, context, feedback, provenance_input=True)
        info = self.run_core(feedback, super_resolve_raster, src, dst, dictionary,
                             self.parameterAsInt(parameters, "BAND", context), scale=scale,
                             patterns=maps["PATTERNS"], sparsity=maps["SPARSITY"],
                             tile=self.parameterAsInt(parameters, "TILE", context), **trust)
        (w, h), (ow, oh) = info["input_size"], info["output_size"]
        feedback.pushInfo(f"Super-resolved {w} x {h} to {ow} x {oh} cells (x{scale}) with "
                          f"{info['atoms']} atoms; {info['valid_cells']:,} valid input "
                          f"cells; {info['tiles']} tile(s) in {info['seconds']:.2f} s.")
        outputs = {"OUTPUT": dst, **self.trust_outputs(trust)}
        outputs.update({k: v for k, v in maps.items() if v})
        return outputs
