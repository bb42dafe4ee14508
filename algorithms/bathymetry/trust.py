"""The trust layers' plumbing, shared by superres.py, sparse_sr.py and gapfill.py.

A `Trust` holds what a run was asked for (UNCERTAINTY and PROVENANCE outputs, an input
PROVENANCE raster, a .bag OUTPUT) and checks it before anything is written: a card or
dictionary without an uncertainty calibration, an input provenance grid of another size,
a BAG without a CRS are refused up front.  It opens the input's own uncertainty band (a
BAG's band 2) and warns when the input looks unlike the training data
(uncertainty.check_ood).  The science is in uncertainty.py.
"""
from __future__ import annotations

import contextlib

from osgeo import gdal

from ..errors import InputError
from ..raster import RasterReader, bag_layers, is_bag
from ..tiling import read_padded
from . import uncertainty as unc


class Trust:
    """What trust layers a run writes, and the readers their tiles need."""

    def __init__(self, src, band, dst, uncertainty=None, provenance=None,
                 input_provenance=None, calibration=None, where="the model",
                 training_stats=None, method="the network", warn=None, kind="superres"):
        self.dst, self.uncertainty, self.provenance = dst, uncertainty, provenance
        self.bag = is_bag(dst)
        self.want_sigma = bool(uncertainty) or self.bag
        self.calibration = None
        if self.want_sigma:
            self.calibration = (unc.fill_calibration() if kind == "fill" else
                                unc.check_calibration(calibration, kind, where))
        self.training = (training_stats or {}).get("range") if training_stats else None
        self.method, self.warn = method, warn
        self.sigma_reader = self.provenance_reader = None
        if self.want_sigma:
            self.sigma_reader = unc.input_uncertainty_reader(src, band)
        if input_provenance:
            self.provenance_reader = RasterReader(input_provenance, 1)
            with RasterReader(src, band) as reader:
                size = (reader.width, reader.height)
            got = (self.provenance_reader.width, self.provenance_reader.height)
            if got != size:
                raise InputError(f"The input provenance {input_provenance} is {got[0]} x "
                                 f"{got[1]} cells, the input grid {size[0]} x {size[1]}: "
                                 "give the PROVENANCE layer written with this grid.")

    @property
    def active(self):
        return bool(self.want_sigma or self.provenance or self.warn)

    @property
    def layers(self):
        return bool(self.want_sigma or self.provenance)

    def check_ood(self, reader):
        return unc.check_ood(reader, self.training, self.method, self.warn)

    @contextlib.contextmanager
    def outputs(self, abstract):
        """(elevation path, uncertainty path) to write: see raster.bag_layers."""
        with bag_layers(self.dst, self.uncertainty if self.want_sigma else None,
                        abstract) as paths:
            yield paths

    def specs(self, sigma_path):
        """writer_group specs of the uncertainty and provenance outputs."""
        return [(sigma_path, float("nan"), unc.UNCERTAINTY_DESCRIPTION),
                (self.provenance, float(unc.PROVENANCE_NODATA),
                 unc.PROVENANCE_DESCRIPTION, gdal.GDT_Byte)]

    def aux(self, tile, margin):
        """The input's own uncertainty and provenance on a padded tile (or None)."""
        read = (lambda r: None if r is None else read_padded(r, tile, margin))
        return read(self.sigma_reader), read(self.provenance_reader)

    def sr_tile(self, method, scale, margin, filled_reader=None):
        """The tile function [fine, *maps, sigma, provenance] of a super-resolution
        method (`method(padded)` -> fine, or a tuple (fine, *maps)), for
        run_tiled(..., pass_tile=True)."""
        calibration, provenance = self.calibration, bool(self.provenance)

        def func(padded, t):
            result = method(padded)
            fine, maps = ((result[0], list(result[1:])) if isinstance(result, tuple)
                          else (result, []))
            sigma, prov = self.aux(t, margin)
            filled = None if filled_reader is None else read_padded(filled_reader, t,
                                                                    margin)
            return [fine, *maps, *unc.sr_layers(padded, fine, scale, calibration,
                                                provenance, filled, sigma, prov)]
        return func

    def close(self):
        for r in (self.sigma_reader, self.provenance_reader):
            if r is not None:
                r.close()
