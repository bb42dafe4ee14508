"""Pictures of grids for reports and the demo: hillshade panels side by side.

Hillshading follows the usual GIS formula (Horn-style gradients, sun azimuth 315 deg,
altitude 45 deg) with cell sizes converted to metres, so relief reads the same on
geographic and projected grids.  matplotlib is imported only when a figure is drawn,
and never through pyplot: a plugin must not change the backend of the QGIS desktop.
"""
from __future__ import annotations

import numpy as np

from .raster import metric_cell_size


def hillshade(array, geotransform=None, crs_wkt="", azimuth=315.0, altitude=45.0,
              z_factor=1.0):
    """Shaded relief in [0, 1]; NaN where the grid is nodata."""
    a = np.asarray(array, dtype=np.float64)
    dx, dy = metric_cell_size(geotransform, crs_wkt, a.shape)(np.arange(a.shape[0]))
    g_row, g_col = np.gradient(a * z_factor)
    gx = g_col / dx[:, None]      # towards east
    gy = g_row / dy[:, None]      # towards south (rows run south)
    slope = np.arctan(np.hypot(gx, gy))
    aspect = np.arctan2(gy, -gx)  # ESRI's convention for row-down gradients
    az, alt = np.radians(360.0 - azimuth + 90.0), np.radians(altitude)
    shade = (np.sin(alt) * np.cos(slope)
             + np.cos(alt) * np.sin(slope) * np.cos(az - aspect))
    return np.clip(shade, 0.0, 1.0)


def relief_panels(panels, path, title=None, columns=None, dpi=110):
    """Save a PNG of panels side by side.

    panels: list of dicts with 'array', 'title', and optionally 'geotransform', 'crs',
    'kind' ('relief' = colour depth under hillshade, the default; 'difference' = a
    diverging map centred on zero), 'units'.  dpi: resolution of the PNG.
    """
    from .report import figure

    n = len(panels)
    columns = columns or n
    rows = int(np.ceil(n / columns))
    fig = figure(4.2 * columns, 3.9 * rows)
    axes = fig.subplots(rows, columns, squeeze=False)
    relief = [p["array"] for p in panels if p.get("kind", "relief") == "relief"]
    lo = min(np.nanpercentile(a, 1) for a in relief) if relief else 0
    hi = max(np.nanpercentile(a, 99) for a in relief) if relief else 1
    # Difference panels share one symmetric scale so their errors compare by eye.
    diffs = [np.nanpercentile(np.abs(p["array"]), 99) for p in panels
             if p.get("kind") == "difference"]
    lim = float(max(diffs)) if diffs else 1.0
    for ax, p in zip(axes.flat, panels):
        _draw(fig, ax, p, lo, hi, lim or 1.0)
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=dpi)
    return path


def _draw(fig, ax, panel, lo, hi, lim):
    a = np.asarray(panel["array"], dtype=np.float64)
    units = panel.get("units", "m")
    if panel.get("kind", "relief") == "difference":
        im = ax.imshow(a, cmap="RdBu_r", vmin=-lim, vmax=lim, interpolation="nearest")
    else:
        shade = hillshade(a, panel.get("geotransform"), panel.get("crs", ""))
        im = ax.imshow(a, cmap="viridis", vmin=lo, vmax=hi, interpolation="nearest")
        ax.imshow(shade, cmap="gray", alpha=0.45, interpolation="nearest")
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.02, label=units)
    ax.set_title(panel["title"], fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])
