"""geoinverse:sparsesr, sparse-coding super-resolution with a learned terrain dictionary."""
from qgis.core import (QgsProcessingParameterFile, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.sparse_sr import super_resolve_raster
from .base import GeoInverseAlgorithm

HELP = """Makes a bathymetry grid 2, 3 or 4 times finer by sparse coding over a terrain dictionary: each patch of relief is built from a few learned patterns.

Use: an <b>Input grid</b> and a <b>Scale factor</b>. The shipped dictionary for that scale is used unless you give your own (from 'Learn terrain dictionary').

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. Optional maps: <b>Dominant pattern</b> (which pattern shapes each place) and <b>Active atoms</b> (how complex the relief is). Trust layers (optional): <b>Uncertainty</b> and <b>Provenance</b>, as in 'Super-resolve bathymetry (deep network)'; an output ending in .bag holds the grid and its uncertainty.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


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
        feedback.pushInfo(self.tr(
            "Super-resolved {w} x {h} to {ow} x {oh} cells (x{scale}) with {atoms} atoms; "
            "{valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} s.").format(
            w=w, h=h, ow=ow, oh=oh, scale=scale, atoms=info["atoms"],
            valid=info["valid_cells"], tiles=info["tiles"], seconds=info["seconds"]))
        outputs = {"OUTPUT": dst, **self.trust_outputs(trust)}
        outputs.update({k: v for k, v in maps.items() if v})
        return outputs
