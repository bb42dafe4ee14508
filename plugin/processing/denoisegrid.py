"""geoinverse:denoisegrid, sparse denoising of a bathymetry grid (noise, spikes, stripes)."""
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsProcessing, QgsProcessingException,
                       QgsProcessingParameterDefinition, QgsProcessingParameterFeatureSource,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.denoise import (DEFAULT_TILE, IHO_ORDERS, NOISE_MODES,
                                              STRIPE_DETECT, STRIPE_MODELS, STRIPE_MODES,
                                              denoise_raster)
from .base import GeoInverseAlgorithm

ORDERS = list(IHO_ORDERS)

HELP = """Removes noise, spikes and along-track stripes from a bathymetry grid and keeps the relief. Nodata stays nodata.

Use: an <b>Input grid</b> (GeoTIFF, BAG, ...). <b>Noise level</b> <i>auto</i> estimates the noise across the grid; give it in metres (<i>metres</i>) or from an IHO S-44 order (<i>iho</i>) if you know it. <b>Along-track stripes</b> <i>auto</i> finds the survey lines' direction and removes stripes only where they stand out; <i>given</i> takes the <b>Survey line azimuth</b> (east-west lines = 90) or a <b>Survey lines</b> layer of the track lines; <i>off</i> leaves them.

Out: the denoised grid and, optionally, <b>Removed noise and spikes</b> and <b>Removed stripes</b>; together they are input minus output. Look at Removed stripes before trusting a given direction on rough relief. <b>Stripe model</b> (advanced): <i>auto</i> fits narrow stripes that vary along the lines for a detected direction, and for a given one too where the grid shows such stripes along it; otherwise offsets constant along whole lines (swath offsets). <i>jumps</i> or <i>levels</i> force one model.

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
        self.add_choice("STRIPES", "Along-track stripes (auto: detect and remove; off; "
                        "given: along the angle or the survey lines below)", STRIPE_MODES,
                        "auto")
        self.addParameter(QgsProcessingParameterNumber(
            "STRIPE_ANGLE", self.tr("Survey line azimuth (degrees clockwise from grid "
                                    "north; east-west lines = 90)"),
            QgsProcessingParameterNumber.Double, 90.0, minValue=-360.0, maxValue=360.0))
        model = self.add_choice(
            "STRIPE_MODEL", "Stripe model (auto: narrow stripes where the grid shows them, "
            "else swath offsets for a given direction; jumps: offsets constant along "
            "whole lines; "
            "levels: narrow stripes that vary along the lines)", STRIPE_MODELS, "auto")
        model.setFlags(model.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(QgsProcessingParameterFeatureSource(
            "LINES", self.tr("Survey lines (track lines; optional)"),
            [QgsProcessing.TypeVectorLine], optional=True))
        strength = QgsProcessingParameterNumber(
            "STRENGTH", self.tr("Strength (threshold factor)"),
            QgsProcessingParameterNumber.Double, 1.0, minValue=0.01, maxValue=10.0)
        strength.setFlags(strength.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(strength)
        self.add_tile_parameter(DEFAULT_TILE)
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Denoised grid")))
        for name, label in (("REMOVED", "Removed noise and spikes"),
                            ("REMOVED_STRIPES", "Removed stripes")):
            self.addParameter(QgsProcessingParameterRasterDestination(
                name, self.tr(label), optional=True, createByDefault=False))

    def track_lines(self, parameters, context):
        """The LINES layer's polylines as (x, y) lists in the grid's CRS, or None."""
        source = self.parameterAsSource(parameters, "LINES", context)
        if source is None:
            return None
        layer = self.parameterAsRasterLayer(parameters, "INPUT", context)
        crs = layer.crs() if layer is not None else QgsCoordinateReferenceSystem()
        transform = None
        if crs.isValid() and source.sourceCrs().isValid() and source.sourceCrs() != crs:
            transform = QgsCoordinateTransform(source.sourceCrs(), crs,
                                               context.transformContext())
        lines = []
        for feature in source.getFeatures():
            geometry = feature.geometry()
            if geometry.isEmpty():
                continue
            if transform is not None:
                geometry.transform(transform)
            for part in geometry.constParts():
                lines.append([(v.x(), v.y()) for v in part.vertices()])
        if not lines:
            raise QgsProcessingException(self.tr(
                "LINES holds no line; give the survey track lines or leave it empty."))
        return lines

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        src = self.raster_path(parameters, "INPUT", context)
        dst = self.output_path(parameters, "OUTPUT", context)
        removed = self.optional_output(parameters, "REMOVED", context)
        removed_stripes = self.optional_output(parameters, "REMOVED_STRIPES", context)
        noise = self.choice(parameters, "NOISE", context)
        stripes = self.choice(parameters, "STRIPES", context)
        info = self.run_core(
            feedback, denoise_raster, src, dst,
            self.parameterAsInt(parameters, "BAND", context) or 1, noise=noise,
            noise_value=self.parameterAsDouble(parameters, "NOISE_VALUE", context),
            iho_order=self.choice(parameters, "IHO_ORDER", context),
            stripes=stripes,
            direction=self.parameterAsDouble(parameters, "STRIPE_ANGLE", context),
            lines=self.track_lines(parameters, context),
            strength=self.parameterAsDouble(parameters, "STRENGTH", context),
            stripe_model=self.choice(parameters, "STRIPE_MODEL", context),
            removed=removed, removed_stripes=removed_stripes,
            tile=self.parameterAsInt(parameters, "TILE", context))
        w, h = info["size"]
        if info["line_angles"]:
            lines = self.tr("stripes removed along the survey lines ({angles} deg)").format(
                angles=", ".join(f"{a:.1f}" for a in info["line_angles"]))
        elif info["angle"] is not None:
            lines = self.tr("stripes removed along {angle:.1f} deg").format(
                angle=info["angle"])
        elif info["measured_angle"] is not None:
            lines = self.tr("no striping found (best line direction {angle:.1f} deg, "
                            "{ratio:.1f} x the median; needs {needed:g})").format(
                angle=info["measured_angle"], ratio=info["stripe_ratio"],
                needed=STRIPE_DETECT)
        else:
            lines = self.tr("stripe removal off")
        feedback.pushInfo(self.tr(
            "{w} x {h} cells, {valid:,} valid; noise {noise}; {spikes:,} spike(s) replaced; "
            "{lines}; removed RMS {rms:.3g} (stripes {stripes_rms:.3g}); {tiles} tile(s), "
            "overlap {margin} cells, {seconds:.1f} s.").format(
            w=w, h=h, valid=info["valid_cells"], noise=noise, spikes=info["spikes"],
            lines=lines, rms=info["removed_rms"], stripes_rms=info["stripes_rms"],
            tiles=info["tiles"], margin=info["margin"], seconds=info["seconds"]))
        outputs = {"OUTPUT": dst}
        for name, path in (("REMOVED", removed), ("REMOVED_STRIPES", removed_stripes)):
            if path:
                outputs[name] = path
        return outputs
