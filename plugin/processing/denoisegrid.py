"""geoinverse:denoisegrid, sparse denoising of a bathymetry grid (noise, spikes, stripes)."""
from qgis.core import (QgsProcessingParameterDefinition, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.denoise import (DEFAULT_TILE, IHO_ORDERS, NOISE_MODES,
                                              STRIPE_MODES, denoise_raster)
from .base import GeoInverseAlgorithm

ORDERS = list(IHO_ORDERS)

HELP = """Removes noise and spikes from a bathymetry grid and keeps the relief. Nodata stays nodata.

Use: an <b>Input grid</b>. <b>Noise level</b> <i>auto</i> estimates the noise across the grid; give it in metres (<i>metres</i>) or from an IHO S-44 order (<i>iho</i>) if you know it. <b>Along-track stripes</b> is <i>off</i> by default: stripe removal is not reliable yet, so check the Removed layer if you turn it on.

Out: the denoised grid and, optionally, <b>Removed</b> (input minus output) to see exactly what was taken out.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class DenoiseGridAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "denoisegrid"
    group_id = "gridtools"
    display = "Denoise bathymetry grid (sparse)"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster_input()
        self.add_choice("NOISE", "Noise level (auto: estimated per 32 x 32 cells; metres: "
                        "given below; iho: the S-44 order at the local depth)",
                        NOISE_MODES, "auto")
        self.addParameter(QgsProcessingParameterNumber(
            "NOISE_VALUE", self.tr("Noise (m, standard deviation) when given in metres"),
            QgsProcessingParameterNumber.Double, 0.5, minValue=0.0))
        self.add_choice("IHO_ORDER", "IHO S-44 order", ORDERS, "1a")
        # Off by default: stripe removal is not reliable yet (see the help).
        self.add_choice("STRIPES", "Along-track stripes (auto: detect and remove; off; "
                        "given: along the direction below)", STRIPE_MODES, "off")
        self.addParameter(QgsProcessingParameterNumber(
            "STRIPE_DIRECTION", self.tr("Stripe direction (degrees clockwise from north)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=-360.0, maxValue=360.0))
        strength = QgsProcessingParameterNumber(
            "STRENGTH", self.tr("Strength (threshold factor)"),
            QgsProcessingParameterNumber.Double, 1.0, minValue=0.01, maxValue=10.0)
        strength.setFlags(strength.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(strength)
        self.add_tile_parameter(DEFAULT_TILE)
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Denoised grid")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "REMOVED", self.tr("Removed (input minus output)"), optional=True,
            createByDefault=False))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        src = self.raster_path(parameters, "INPUT", context)
        dst = self.output_path(parameters, "OUTPUT", context)
        removed = self.optional_output(parameters, "REMOVED", context)
        noise = self.choice(parameters, "NOISE", context)
        stripes = self.choice(parameters, "STRIPES", context)
        info = self.run_core(
            feedback, denoise_raster, src, dst,
            self.parameterAsInt(parameters, "BAND", context) or 1, noise=noise,
            noise_value=self.parameterAsDouble(parameters, "NOISE_VALUE", context),
            iho_order=self.choice(parameters, "IHO_ORDER", context),
            stripes=stripes,
            direction=self.parameterAsDouble(parameters, "STRIPE_DIRECTION", context),
            strength=self.parameterAsDouble(parameters, "STRENGTH", context),
            removed=removed, tile=self.parameterAsInt(parameters, "TILE", context))
        w, h = info["size"]
        if info["angle"] is not None:
            lines = self.tr("stripes removed along {angle:.1f} deg").format(
                angle=info["angle"])
        elif info["measured_angle"] is not None:
            lines = self.tr("no striping found (best line direction {angle:.1f} deg, "
                            "{ratio:.1f} x the median; needs 4)").format(
                angle=info["measured_angle"], ratio=info["stripe_ratio"])
        else:
            lines = self.tr("stripe removal off")
        feedback.pushInfo(self.tr(
            "{w} x {h} cells, {valid:,} valid; noise {noise}; {spikes:,} spike(s) replaced; "
            "{lines}; removed RMS {rms:.3g}; {tiles} tile(s), overlap {margin} cells, "
            "{seconds:.1f} s.").format(
            w=w, h=h, valid=info["valid_cells"], noise=noise, spikes=info["spikes"],
            lines=lines, rms=info["removed_rms"], tiles=info["tiles"],
            margin=info["margin"], seconds=info["seconds"]))
        outputs = {"OUTPUT": dst}
        if removed:
            outputs["REMOVED"] = removed
        return outputs
