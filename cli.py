"""`geoinverse`: GeoInverse's raster methods from a terminal, in one process or on Dask.

    geoinverse bicubic in.tif out.tif --scale 2                  # one process
    geoinverse fillgaps in.tif out.tif --workers 4               # a local Dask cluster
    geoinverse sparsesr in.tif out.tif --scheduler tcp://host:8786

Each subcommand takes the parameters of the Processing algorithm of the same name and
calls the same function of algorithms/.  Without --workers/--scheduler the run is the
plugin's (tiling.SequentialExecutor); with them the same tile plan runs as Dask tasks
(algorithms/distributed.py) and gives the same numbers bit for bit.

A method is one entry of METHODS: its subcommand, the Processing algorithm whose help
text it shows, its arguments, the call, and the line it prints.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import re
import sys
import textwrap
import time
from dataclasses import dataclass

from .algorithms.errors import Cancelled, InputError

HERE = os.path.dirname(os.path.abspath(__file__))


@dataclass
class Method:
    """One subcommand: `arguments(parser)` adds its options, `run(args, **callbacks)`
    calls algorithms/ and returns its dict, `summary(info, args)` says what was done."""
    name: str
    processing: str
    title: str
    arguments: object
    run: object
    summary: object
    tile: int
    distributed: bool = True


def processing_help(module):
    """The help text of a Processing algorithm (plugin/processing/MODULE.py's HELP), as
    plain text, read without importing QGIS."""
    path = os.path.join(HERE, "plugin", "processing", f"{module}.py")
    try:
        tree = ast.parse(open(path, encoding="utf-8").read())
    except OSError:
        return ""
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "HELP"
                                                for t in node.targets):
            text = re.sub(r"</?[a-z]+>", "", ast.literal_eval(node.value))
            return "\n".join(textwrap.fill(line, 88, subsequent_indent="  " if
                                            line.startswith("- ") else "")
                              for line in text.split("\n"))
    return ""


# -- the methods --------------------------------------------------------------------
def _optional_outputs(parser, **outputs):
    """--NAME PATH options for a method's optional output rasters."""
    for name, what in outputs.items():
        parser.add_argument("--" + name.replace("_", "-"), metavar="PATH", type=_path,
                            help=f"also write {what}")


def _bicubic_args(p):
    p.add_argument("--scale", type=int, default=2, choices=(2, 3, 4),
                   help="scale factor (default 2)")


def _bicubic(args, **callbacks):
    from .algorithms.bathymetry.resample import upsample_raster
    return upsample_raster(args.input, args.output, args.scale, args.band, tile=args.tile,
                           **callbacks)


def _sizes(info, what):
    (w, h), (ow, oh) = info["input_size"], info["output_size"]
    return (f"{what} {w} x {h} to {ow} x {oh} cells; {info['valid_cells']:,} valid input "
            f"cells; {info['tiles']} tile(s)")


def _sparsesr_args(p):
    p.add_argument("--scale", type=int, default=2, choices=(2, 3, 4),
                   help="scale factor, the dictionary's (default 2)")
    p.add_argument("--dictionary", metavar="NPZ",
                   help="terrain dictionary (.npz); default: the shipped one for --scale")
    _optional_outputs(p, patterns="the dominant pattern (atom number) per patch",
                      sparsity="the number of active atoms per patch")


def _sparsesr(args, **callbacks):
    from .algorithms.bathymetry.sparse_sr import super_resolve_raster
    return super_resolve_raster(args.input, args.output, args.dictionary, args.band,
                                scale=args.scale, patterns=args.patterns,
                                sparsity=args.sparsity, tile=args.tile, **callbacks)


def _superresolve_args(p):
    p.add_argument("--model", metavar="NAME|ONNX", default="auto",
                   help="a shipped network by name (fsrcnn_ens_x2, fsrcnn_x4, ...) or an "
                        ".onnx with its .json model card next to it; default auto: the "
                        "shipped network of --scale with the lowest held-out RMSE")
    p.add_argument("--scale", type=int, default=2,
                   help="scale factor of a shipped network (default 2)")
    p.add_argument("--nodata-mode", choices=("mask", "fill"), default="fill",
                   help="fill (default, superres.DEFAULT_NODATA_MODE): fill enclosed holes "
                        "first (fillgaps' default method) and keep the filled values; "
                        "mask: holes come back as holes")
    p.add_argument("--overlap", type=int, default=None, metavar="N",
                   help="context cells on each side of a tile (default: the model's "
                        "receptive field)")


def _superresolve(args, **callbacks):
    from .algorithms.bathymetry.superres import choose_model, super_resolve_raster
    model = args.model
    if not model.endswith(".onnx"):
        model = choose_model(model, args.scale)
    return super_resolve_raster(args.input, args.output, model, args.band,
                                nodata_mode=args.nodata_mode, tile=args.tile,
                                overlap=args.overlap, **callbacks)


def _fillgaps_args(p):
    from .algorithms.bathymetry.gapfill import (DEFAULT_MAX_OVERLAP, DEFAULT_METHOD,
                                                DEFAULT_TENSION, METHODS)
    p.add_argument("--method", choices=METHODS, default=DEFAULT_METHOD,
                   help=f"default {DEFAULT_METHOD}")
    p.add_argument("--max-distance", type=float, default=0.0,
                   help="leave cells farther than this from data empty (0 = no limit)")
    p.add_argument("--distance-units", choices=("cells", "map"), default="cells",
                   help="units of --max-distance: cells (default) or map units (metres "
                        "for a geographic CRS)")
    p.add_argument("--interior-only", action=argparse.BooleanOptionalAction, default=True,
                   help="fill only holes enclosed by data, no extrapolation (default on)")
    p.add_argument("--tension", type=float, default=DEFAULT_TENSION,
                   help=f"splines in tension, 0..1 (default {DEFAULT_TENSION})")
    p.add_argument("--max-overlap", type=int, default=DEFAULT_MAX_OVERLAP,
                   help=f"maximum tile overlap in cells; wider holes stay empty "
                        f"(default {DEFAULT_MAX_OVERLAP})")
    _optional_outputs(p, filled_mask="1 where a cell was estimated, 0 where real",
                      distance="the distance to the nearest real cell")


def _fillgaps(args, **callbacks):
    from .algorithms.bathymetry.gapfill import fill_raster
    return fill_raster(args.input, args.output, args.band, args.method,
                       tension=args.tension, max_distance=args.max_distance or None,
                       distance_in_cells=args.distance_units == "cells",
                       interior_only=args.interior_only, filled_mask=args.filled_mask,
                       distance=args.distance, tile=args.tile,
                       max_overlap=args.max_overlap, **callbacks)


def _fillgaps_summary(info, args):
    w, h = info["size"]
    text = (f"{args.method}: {info['holes']:,} hole(s) in {w} x {h} cells; "
            f"{info['holes_filled']:,} filled ({info['cells_filled']:,} cells estimated), "
            f"{info['cells_empty']:,} cells still nodata; tile overlap {info['margin']} "
            f"cells, {info['tiles']} tile(s)")
    if info["holes_too_big"]:
        text += (f". WARNING: {info['holes_too_big']} hole(s) wider than --max-overlap "
                 f"left empty, at: " + "; ".join(info["too_big_at"]))
    return text


def _denoise_args(p):
    from .algorithms.bathymetry.denoise import IHO_ORDERS, NOISE_MODES, STRIPE_MODES
    p.add_argument("--noise", choices=NOISE_MODES, default="auto",
                   help="noise level: estimated (auto, default), --noise-value metres, or "
                        "from --iho-order at each cell's depth")
    p.add_argument("--noise-value", type=float, default=0.5,
                   help="noise standard deviation in metres for --noise metres (0.5)")
    p.add_argument("--iho-order", choices=list(IHO_ORDERS), default="1a",
                   help="IHO S-44 order for --noise iho (default 1a)")
    p.add_argument("--stripes", choices=STRIPE_MODES, default="auto",
                   help="along-track stripe removal: auto (detect; default), off, given")
    p.add_argument("--stripe-angle", "--stripe-direction", dest="stripe_angle", type=float,
                   default=90.0, help="survey lines' azimuth, degrees clockwise from grid "
                                      "north (E-W lines = 90), for --stripes given")
    p.add_argument("--strength", type=float, default=1.0,
                   help="threshold factor (default 1)")
    _optional_outputs(p, removed="what was removed (input minus output)")


def _denoise(args, **callbacks):
    from .algorithms.bathymetry.denoise import denoise_raster
    return denoise_raster(args.input, args.output, args.band, noise=args.noise,
                          noise_value=args.noise_value, iho_order=args.iho_order,
                          stripes=args.stripes, direction=args.stripe_angle,
                          strength=args.strength, removed=args.removed, tile=args.tile,
                          **callbacks)


def _denoise_summary(info, args):
    w, h = info["size"]
    return (f"{w} x {h} cells, {info['valid_cells']:,} valid; {info['spikes']:,} spike(s) "
            f"replaced; removed RMS {info['removed_rms']:.3g}; {info['tiles']} tile(s), "
            f"overlap {info['margin']} cells")


def _compare_args(p):
    p.add_argument("--reference-band", type=int, default=1,
                   help="band of the reference (default 1)")
    p.add_argument("--mask", type=_path, help="compare only where this raster is non-zero")
    p.add_argument("--report", metavar="HTML", type=_path, help="write the HTML report")
    p.add_argument("--json", action="store_true", help="print the statistics as JSON")


def _compare(args, **callbacks):
    from .algorithms import report
    from .algorithms.compare import compare_grids, report_html
    result = compare_grids(args.input, args.reference, input_band=args.band,
                           reference_band=args.reference_band, mask_path=args.mask,
                           difference_path=args.output, tile=args.tile, **callbacks)
    if args.report:
        report.write(args.report, report_html(result, args.input, args.reference))
    if args.json:
        print(json.dumps({"stats": result.stats, "by_slope": result.by_slope}, indent=2))
    return result.stats


def _compare_summary(s, args):
    return (f"compared {s['count']:,} cells: RMSE {s['rmse']:.4g}, MAE {s['mae']:.4g}, "
            f"bias {s['bias']:.4g}, max |error| {s['max_abs']:.4g}")


def _build_methods():
    from .algorithms.bathymetry.denoise import DEFAULT_TILE as DENOISE_TILE
    from .algorithms.bathymetry.gapfill import FILL_TILE
    from .algorithms.tiling import DEFAULT_TILE
    from .algorithms.bathymetry.superres import DEFAULT_TILE as SUPERRES_TILE
    return [
        Method("superresolve", "superresolve", "super-resolve with a deep network (ONNX)",
               _superresolve_args, _superresolve,
               lambda i, a: _sizes(i, "super-resolved") + f" with {i['model']}",
               SUPERRES_TILE),
        Method("sparsesr", "sparsesr", "super-resolve by sparse coding (terrain dictionary)",
               _sparsesr_args, _sparsesr,
               lambda i, a: _sizes(i, "super-resolved") + f", {i['atoms']} atoms",
               DEFAULT_TILE),
        Method("fillgaps", "fillgaps", "fill nodata holes (splines in tension, DCT, IDW)",
               _fillgaps_args, _fillgaps, _fillgaps_summary, FILL_TILE),
        Method("denoisegrid", "denoisegrid", "remove noise, spikes and stripes (sparse)",
               _denoise_args, _denoise, _denoise_summary, DENOISE_TILE),
        Method("bicubic", "bicubic", "upsample by bicubic interpolation (the baseline)",
               _bicubic_args, _bicubic, lambda i, a: _sizes(i, "upsampled"), DEFAULT_TILE),
        Method("compare", "comparegrids", "compare a grid with a reference (RMSE, by slope)",
               _compare_args, _compare, _compare_summary, DEFAULT_TILE, distributed=False),
    ]


# -- the command line ---------------------------------------------------------------
def _path(text):
    """Absolute local paths (workers may run elsewhere); GDAL virtual paths unchanged."""
    return text if text.startswith("/vsi") else os.path.abspath(text)


EXECUTION = """Where it runs:
  (no option) or --workers 0   one process, tile after tile (as in QGIS).
  --workers N                  a local Dask cluster of N worker processes, one thread
                               each; tiles are tasks.
  --scheduler ADDRESS          an existing Dask distributed cluster (tcp://host:8786);
                               every worker must be able to read INPUT and write next to
                               OUTPUT (shared filesystem or /vsis3/, /vsicurl/ paths), and
                               have geoinverse installed (pip install geoinverse[distributed]).
Distributed runs write their tiles to OUTPUT.tiles/ and assemble a Cloud-Optimised
GeoTIFF (tiles then removed); an OUTPUT ending in .vrt keeps the tiles and a VRT of
them instead (for outputs too big for one file).  A worker that dies has its tiles
rerun; the same command run again after a crash or Ctrl-C skips the finished tiles.
The result is bit-for-bit the one-process result."""


def build_parser(methods=None):
    methods = methods or _build_methods()
    parser = argparse.ArgumentParser(
        prog="geoinverse", formatter_class=argparse.RawDescriptionHelpFormatter,
        description="GeoInverse's raster methods (the QGIS plugin's Processing "
                    "algorithms) from a terminal, in one process or tile-parallel on a "
                    "Dask distributed cluster.",
        epilog=EXECUTION + "\n\nRun 'geoinverse COMMAND --help' for a command's method "
                           "and parameters.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for m in methods:
        p = sub.add_parser(m.name, help=m.title,
                           formatter_class=argparse.RawDescriptionHelpFormatter,
                           description=processing_help(m.processing) or m.title,
                           epilog=EXECUTION if m.distributed else
                           "Runs in one process: it reads both grids once and adds up "
                           "statistics (I/O-bound, one reduction), which a cluster would "
                           "not speed up, so --workers/--scheduler are not offered.")
        p.set_defaults(spec=m)
        p.add_argument("input", type=_path, help="input grid (any GDAL-readable raster)")
        if m.name == "compare":
            p.add_argument("reference", type=_path, help="reference grid")
            p.add_argument("--difference", dest="output", type=_path, metavar="PATH",
                           help="also write input - reference on the reference's grid")
        else:
            p.add_argument("output", type=_path,
                           help="output grid (.tif; .vrt keeps the tiles of a distributed "
                                "run)")
        p.add_argument("--band", type=int, default=1, help="band of the input (default 1)")
        p.add_argument("--tile", type=int, default=m.tile,
                       help=f"tile size in cells; memory is bounded by it (default {m.tile})")
        m.arguments(p)
        if m.distributed:
            run = p.add_argument_group("execution")
            run.add_argument("--workers", type=int, default=0, metavar="N",
                             help="start a local Dask cluster of N workers, one thread "
                                  "each (default 0: one process)")
            run.add_argument("--scheduler", metavar="ADDRESS",
                             help="run on the Dask cluster at ADDRESS")
            run.add_argument("--overviews", action=argparse.BooleanOptionalAction,
                             default=True,
                             help="give the assembled Cloud-Optimised GeoTIFF overviews "
                                  "(default on; they take most of the assembly's time)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    return parser


class Progress:
    """Percent done and elapsed seconds on stderr (a line per 10 % when not a terminal)."""

    def __init__(self, label, quiet=False):
        self.label, self.quiet = label, quiet
        self.start = time.perf_counter()
        self.shown = -1
        self.tty = sys.stderr.isatty()

    def __call__(self, fraction):
        percent = int(100 * fraction)
        step = 1 if self.tty else 10
        if self.quiet or percent // step == self.shown // step:
            return
        self.shown = percent
        text = f"{self.label}: {percent:3d} % ({time.perf_counter() - self.start:.1f} s)"
        sys.stderr.write(("\r" + text) if self.tty else text + "\n")
        if self.tty and percent == 100:
            sys.stderr.write("\n")
        sys.stderr.flush()


def signature(args):
    """What identifies a run, so that a rerun resumes only the same run."""
    skip = {"spec", "workers", "scheduler", "quiet", "overviews"}
    return json.dumps({k: v for k, v in sorted(vars(args).items()) if k not in skip},
                      default=str)


def execute(args):
    method = args.spec
    progress = Progress(method.name, args.quiet)
    workers = getattr(args, "workers", 0) or 0
    scheduler = getattr(args, "scheduler", None)
    if workers < 0:
        raise InputError(f"--workers must be 0 (one process) or more (got {workers}).")
    if not (workers or scheduler):
        if str(args.output or "").lower().endswith(".vrt"):
            raise InputError("A .vrt output is the mosaic of a distributed run's tiles; "
                             "add --workers N or --scheduler ADDRESS, or write a .tif.")
        return method.run(args, progress=progress)
    from .algorithms.distributed import DaskExecutor, dask_client
    from .algorithms.tiling import using
    with dask_client(workers, scheduler) as client:
        where = scheduler or f"a local cluster of {workers} worker(s)"
        if not args.quiet:
            print(f"{method.name}: running on {where}; tiles in {args.output}.tiles/",
                  file=sys.stderr)
        executor = DaskExecutor(client, signature(args), args.overviews)
        with using(executor):
            info = method.run(args, progress=progress)
        run = executor.last_run
        if run is not None and run.skipped and not args.quiet:
            print(f"{method.name}: resumed: {run.skipped} of {run.tiles} tiles were "
                  "already done", file=sys.stderr)
        return info


def main(argv=None):
    args = build_parser().parse_args(argv)
    start = time.perf_counter()
    try:
        info = execute(args)
    except (InputError, Cancelled) as error:
        print(f"geoinverse {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\ngeoinverse {args.command}: interrupted; no output written. Finished "
              "tiles of a distributed run are kept: run the same command again to "
              "resume.", file=sys.stderr)
        return 130
    print(f"{args.spec.summary(info, args)}; {time.perf_counter() - start:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
