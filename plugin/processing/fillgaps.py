"""geoinverse:fillgaps, filling nodata holes of a bathymetry grid, real cells untouched."""
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterDefinition,
                       QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination)

from ...algorithms.bathymetry.gapfill import (DEFAULT_MAX_OVERLAP, DEFAULT_TENSION,
                                              FILL_TILE, METHODS, fill_raster)
from .base import GeoInverseAlgorithm

DISTANCE_UNITS = ("cells", "map")

HELP = """Fills the nodata holes of a bathymetry grid and says which cells are estimates. Real cells are copied unchanged.

Use: an <b>Input grid</b>. The default <b>Method</b> (<i>spline</i>, splines in tension) was the most accurate on our real test grids; <i>sparse</i> and <i>idw</i> are alternatives. By default only holes enclosed by data are filled; <b>Maximum distance</b> leaves cells far from data empty.

Out: the filled grid; optionally a <b>Filled mask</b> (1 = estimated, 0 = real) and the <b>Distance</b> to the nearest real cell. Holes too wide for the tile overlap stay empty and are listed in the log.

Trust layers (optional): <b>Uncertainty</b> (how far each filled cell may be off, in depth units; 0 on real cells, or a BAG input's own uncertainty) and <b>Provenance</b> (1 = measured, 2 = filled). An output ending in .bag holds the grid and its uncertainty.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class FillGapsAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "fillgaps"
    group_id = "gridtools"
    display = "Fill gaps in bathymetry"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_raster_input()
        self.add_choice("METHOD", "Method (spline: splines in tension; sparse: DCT "
                        "inpainting; idw: inverse distance)", METHODS, "spline")
        self.addParameter(QgsProcessingParameterNumber(
            "MAX_DISTANCE", self.tr("Maximum distance from data (0 = no limit)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=0.0))
        self.add_choice("DISTANCE_UNITS", "Distance units (map: map units, metres for a "
                        "geographic CRS)", DISTANCE_UNITS, "cells")
        self.addParameter(QgsProcessingParameterBoolean(
            "INTERIOR_ONLY", self.tr("Fill only holes enclosed by data (no extrapolation)"),
            True))
        self.addParameter(QgsProcessingParameterNumber(
            "TENSION", self.tr("Tension (splines, 0..1)"),
            QgsProcessingParameterNumber.Double, DEFAULT_TENSION, minValue=0.0, maxValue=1.0))
        overlap = QgsProcessingParameterNumber(
            "MAX_OVERLAP", self.tr("Maximum tile overlap (cells; wider holes stay empty)"),
            QgsProcessingParameterNumber.Integer, DEFAULT_MAX_OVERLAP, minValue=4)
        overlap.setFlags(overlap.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(overlap)
        self.add_tile_parameter(FILL_TILE)
        self.addParameter(QgsProcessingParameterRasterDestination(
            "OUTPUT", self.tr("Filled grid")))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "FILLED_MASK", self.tr("Filled mask (1 = estimated)"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "DISTANCE", self.tr("Distance to the nearest real cell"), optional=True,
            createByDefault=False))
        self.add_trust_outputs()

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        src = self.raster_path(parameters, "INPUT", context)
        method = self.choice(parameters, "METHOD", context)
        dst = self.output_path(parameters, "OUTPUT", context)
        extra = {}
        for key, arg in (("FILLED_MASK", "filled_mask"), ("DISTANCE", "distance")):
            extra[arg] = self.optional_output(parameters, key, context)
        overlap = self.parameterAsInt(parameters, "MAX_OVERLAP", context)
        trust = self.trust_arguments(parameters, context, feedback)
        info = self.run_core(
            feedback, fill_raster, src, dst,
            self.parameterAsInt(parameters, "BAND", context), method,
            tension=self.parameterAsDouble(parameters, "TENSION", context),
            max_distance=self.parameterAsDouble(parameters, "MAX_DISTANCE", context) or None,
            distance_in_cells=self.choice(parameters, "DISTANCE_UNITS", context) == "cells",
            interior_only=self.parameterAsBoolean(parameters, "INTERIOR_ONLY", context),
            tile=self.parameterAsInt(parameters, "TILE", context),
            max_overlap=overlap, **extra, **trust)
        w, h = info["size"]
        feedback.pushInfo(self.tr(
            "{method}: {holes:,} hole(s) in {w} x {h} cells; {holes_filled:,} filled "
            "({cells_filled:,} cells estimated), {holes_outside:,} outside the data "
            "footprint left empty, {cells_empty:,} cells still nodata; tile overlap "
            "{margin} cells, {tiles} tile(s) in {seconds:.1f} s. Distances in "
            "{units}.").format(
            method=method, w=w, h=h, holes=info["holes"],
            holes_filled=info["holes_filled"], cells_filled=info["cells_filled"],
            holes_outside=info["holes_outside"], cells_empty=info["cells_empty"],
            margin=info["margin"], tiles=info["tiles"], seconds=info["seconds"],
            units=info["units"]))
        if info["holes_too_big"]:
            feedback.reportError(self.tr(
                "{count} hole(s) are wider than the maximum overlap ({overlap} cells) and "
                "were left empty; raise Maximum tile overlap to fill them. At: {where}"
            ).format(count=info["holes_too_big"], overlap=overlap,
                     where="; ".join(info["too_big_at"])), fatalError=False)
        outputs = {"OUTPUT": dst, **self.trust_outputs(trust)}
        outputs.update({k: extra[a] for k, a in (("FILLED_MASK", "filled_mask"),
                                                  ("DISTANCE", "distance")) if extra[a]})
        return outputs
