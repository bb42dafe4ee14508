"""geoinverse:superresolve, deep super-resolution with the shipped ONNX networks."""
from qgis.core import (QgsProcessingParameterDefinition, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.superres import (AUTO, NODATA_MODES, choose_model, model_ids,
                                               super_resolve_raster, validation_lines)
from .base import GeoInverseAlgorithm

HELP = """Super-resolves one band of a bathymetric grid by 2 or 4 (3 with an own model) with a convolutional network (SRCNN, FSRCNN, ESPCN, SRGAN or ESRGAN generator) trained on real seafloor relief and shipped as ONNX. Each network predicts the correction to bicubic upsampling; its output's block means reproduce the input exactly.

- <b>Input grid</b>, <b>Band</b>: any GDAL-readable numeric grid (GeoTIFF, GMT/netCDF, ASCII grid); depths in any unit and sign convention: every tile is normalised by its mean depth and robust relief, and the networks are affine-equivariant, so the result does not depend on the unit or the tiling. Images (RGB) are refused.
- <b>Scale factor</b> and <b>Network</b>: networks are chosen by name (fsrcnn_ens_x2, fsrcnn_x4, espcn_x2, ...: the model file's name); <i>auto</i> (default) is the shipped network of the scale with the lowest RMSE on held-out real grids. A network of another scale than <b>Scale factor</b> is refused. Names ending in _ens_ average the network over the eight rotations and reflections of each tile: slightly more accurate, eight times the time. The log lists each held-out grid's RMSE so you know what to expect.
- <b>Own model file</b> (optional): an .onnx exported by training/train_networks.py with its model card (same name, .json) next to it; it overrides <b>Network</b>. A file without a card, or whose scale, channels or sha256 do not match the card, is refused.
- <b>Nodata</b>: <i>mask</i> (default): holes are filled with the nearest depth for the network only, and the output is nodata where bicubic's 4 x 4 support touches a hole, so holes come back in the same places. <i>fill</i>: holes enclosed by data are first filled by splines in tension (as 'Fill nodata gaps') and the filled values are kept; holes touching the grid's edge stay empty.
- <b>Tile size</b>, <b>Overlap</b> (advanced): the grid is processed in tiles with reflected context of Overlap cells on all four sides (default: the model's receptive field), so memory is bounded by the tile and the result equals a single pass. One onnxruntime session serves all tiles.

Output: float32 grid with the input's origin and CRS, cells divided by the scale; nodata kept from the input. Needs the Python package onnxruntime.

References: C. Dong et al. (2016), IEEE TPAMI 38(2):295 (SRCNN); C. Dong, C. C. Loy, X. Tang (2016), ECCV (FSRCNN); W. Shi et al. (2016), CVPR (ESPCN); C. Ledig et al. (2017), CVPR (SRGAN); X. Wang et al. (2018), ECCV Workshops (ESRGAN); Y. Sonogashira et al. (2020), PLOS ONE (ESRGAN for seafloor relief); B. Lim et al. (2017), CVPR Workshops (EDSR, geometric self-ensemble)."""



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
        self.add_choice("MODEL", "Network (auto = the most accurate for the scale)",
                        model_ids(), AUTO)
        self.addParameter(QgsProcessingParameterFile(
            "MODEL_FILE", self.tr("Own model file (.onnx with its .json card; overrides "
                                  "Network and Scale)"), extension="onnx", optional=True))
        self.add_choice("NODATA_MODE", "Nodata (mask: holes stay holes; fill: fill "
                        "enclosed holes first)", NODATA_MODES, "mask")
        self.add_tile_parameter(256)
        overlap = QgsProcessingParameterNumber(
            "OVERLAP", self.tr("Overlap (cells; empty = the model's receptive field)"),
            QgsProcessingParameterNumber.Integer, None, optional=True, minValue=0)
        overlap.setFlags(overlap.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(overlap)
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Super-resolved grid")))

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
        info = self.run_core(
            feedback, super_resolve_raster, src, dst, model,
            self.parameterAsInt(parameters, "BAND", context),
            nodata_mode=self.choice(parameters, "NODATA_MODE", context),
            tile=self.parameterAsInt(parameters, "TILE", context), overlap=overlap)
        (w, h), (ow, oh) = info["input_size"], info["output_size"]
        feedback.pushInfo(f"Super-resolved {w} x {h} to {ow} x {oh} cells (x{info['scale']})"
                          f" with {info['model']}; overlap {info['overlap']} cells; "
                          f"{info['valid_cells']:,} valid input cells; {info['tiles']} "
                          f"tile(s) in {info['seconds']:.2f} s.")
        feedback.pushInfo(f"What to expect ({info['model']} on held-out real grids, never "
                          f"seen in training; mean RMSE ratio to bicubic "
                          f"{info['validation'].get('mean_ratio')}):")
        for line in validation_lines({"validation": info["validation"]}):
            feedback.pushInfo("  " + line)
        return {"OUTPUT": dst}
