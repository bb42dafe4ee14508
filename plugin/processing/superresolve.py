"""geoinverse:superresolve, deep super-resolution with the shipped ONNX networks."""
from qgis.core import (QgsProcessingParameterDefinition, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.superres import (AUTO, DEFAULT_NODATA_MODE, DEFAULT_TILE,
                                               NODATA_MODES, choose_model, model_ids,
                                               super_resolve_raster, validation_lines)
from .base import GeoInverseAlgorithm

HELP = """Makes a bathymetry grid 2, 4 or 8 times finer with a deep network trained on real seafloor relief. It is more accurate than bicubic on held-out real grids.

Use: an <b>Input grid</b> (any unit or sign convention), a <b>Scale factor</b> and a <b>Network</b> by name. <i>auto</i> (default) picks the most accurate shipped network for the scale, or a faster one nearly as accurate, e.g. fsrcnn_kd_x2 (one pass); names with _ens_ run eight passes and are slightly more accurate. An <b>Own model file</b> (.onnx with its .json card) overrides both. <b>Nodata</b>: <i>fill</i> (default) fills enclosed holes first; <i>mask</i> keeps holes where they are.

Out: a float32 grid with the input's origin and CRS and cells divided by the scale. The log says how accurate the network was on held-out grids, and warns when the grid looks unlike the training relief.

Trust layers (optional): <b>Uncertainty</b> (how far each cell may be off, in depth units, calibrated on held-out grids) and <b>Provenance</b> (3 = super-resolved from a measured cell, 4 = from a filled one; give <b>Input provenance</b> from 'Fill gaps' to carry it on). An output ending in .bag holds the grid and its uncertainty.

Needs the Python package onnxruntime: Plugins > GeoInverse > Install missing packages.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class SuperResolveAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "superresolve"
    group_id = "superresolution"
    display = "Super-resolve bathymetry (deep network)"
    help = HELP
    requirements = ("onnxruntime",)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster_input()
        scale = QgsProcessingParameterNumber(
            "SCALE", self.tr("Scale factor"), QgsProcessingParameterNumber.Integer, 2,
            minValue=2, maxValue=16)
        self.addParameter(scale)
        self.add_choice("MODEL", "Network (auto = the recommended one for the scale)",
                        model_ids(), AUTO)
        self.addParameter(QgsProcessingParameterFile(
            "MODEL_FILE", self.tr("Own model file (.onnx with its .json card; overrides "
                                  "Network and Scale)"), extension="onnx", optional=True))
        self.add_choice("NODATA_MODE", "Nodata (mask: holes stay holes; fill: fill "
                        "enclosed holes first)", NODATA_MODES, DEFAULT_NODATA_MODE)
        self.add_tile_parameter(DEFAULT_TILE)
        overlap = QgsProcessingParameterNumber(
            "OVERLAP", self.tr("Overlap (cells; empty = half the model's receptive field + 1)"),
            QgsProcessingParameterNumber.Integer, None, optional=True, minValue=0)
        overlap.setFlags(overlap.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(overlap)
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Super-resolved grid")))
        self.add_trust_outputs(provenance_input=True)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        src = self.raster_path(parameters, "INPUT", context)
        model = self.parameterAsFile(parameters, "MODEL_FILE", context) or None
        if model is None:
            model = self.run_core(None, choose_model,
                                  self.choice(parameters, "MODEL", context),
                                  self.parameterAsInt(parameters, "SCALE", context))
        overlap = None
        if parameters.get("OVERLAP") not in (None, ""):
            overlap = self.parameterAsInt(parameters, "OVERLAP", context)
        dst = self.output_path(parameters, "OUTPUT", context)
        trust = self.trust_arguments(parameters, context, feedback, provenance_input=True)
        info = self.run_core(
            feedback, super_resolve_raster, src, dst, model,
            self.parameterAsInt(parameters, "BAND", context),
            nodata_mode=self.choice(parameters, "NODATA_MODE", context),
            tile=self.parameterAsInt(parameters, "TILE", context), overlap=overlap, **trust)
        (w, h), (ow, oh) = info["input_size"], info["output_size"]
        feedback.pushInfo(self.tr(
            "Super-resolved {w} x {h} to {ow} x {oh} cells (x{scale}) with {model}; overlap "
            "{overlap} cells; {valid:,} valid input cells; {tiles} tile(s) in {seconds:.2f} "
            "s.").format(w=w, h=h, ow=ow, oh=oh, scale=info["scale"], model=info["model"],
                         overlap=info["overlap"], valid=info["valid_cells"],
                         tiles=info["tiles"], seconds=info["seconds"]))
        feedback.pushInfo(self.tr(
            "What to expect ({model} on held-out real grids, never seen in training; mean "
            "RMSE ratio to bicubic {ratio}):").format(
            model=info["model"], ratio=info["validation"].get("mean_ratio")))
        for line in validation_lines({"validation": info["validation"]}):
            feedback.pushInfo("  " + line)
        return {"OUTPUT": dst, **self.trust_outputs(trust)}
