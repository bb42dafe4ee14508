"""Which real grids train and which are held out: defined once, for every learned method.

Sparse-coding super-resolution (issue 4) and the deep networks (issue 3) learn on the
TRAINING regions and are validated on the HELD_OUT grids only.  Regions are held out
whole: no training box overlaps a held-out grid's extent (`check_disjoint`, run by
tests/algorithms/test_regions.py), so a method is never validated on terrain it saw.

Sources (origin and licence in training/data/ORIGIN.md):
- ETOPO5 5' global relief from Debian's `ferret-datasets` package
  (/usr/share/ferret-vis/data/etopo5.cdf), ocean cells only (z < 0), cut into boxes;
- GMT's public test grids copied into training/data/.

Pairs are (coarse, fine) with coarse = block_mean(fine, scale) (resample.block_mean):
a coarser survey of the same seafloor.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
ETOPO5 = Path(os.environ.get("GEOINVERSE_ETOPO5", "/usr/share/ferret-vis/data/etopo5.cdf"))


@dataclass(frozen=True)
class Region:
    """A named grid or an ETOPO5 box: lon/lat extent in degrees east (0..360) / north."""
    name: str
    lon: tuple
    lat: tuple
    file: str = ""          # a grid in training/data; empty = cut from ETOPO5
    ocean_only: bool = True
    cell: str = ""          # cell size in words ("2 m", "5'"), for the model cards
    kind: str = "gmt"       # "gmt", "survey" (multibeam), "intertidal", "land" (all z > 0)
    clean: str = ""         # how known artefacts are masked (see `clean`), "" = none

    def overlaps(self, other):
        def spans(r):
            lo, hi = r.lon[0] % 360, r.lon[1] % 360
            return [(lo, hi)] if lo <= hi else [(lo, 360.0), (0.0, hi)]
        lat = self.lat[0] < other.lat[1] and other.lat[0] < self.lat[1]
        lon = any(a0 < b1 and b0 < a1 for a0, a1 in spans(self) for b0, b1 in spans(other))
        return lat and lon


TRAINING = (
    Region("ne_pacific_juan_de_fuca", (225, 240), (38, 50)),
    Region("tonga_kermadec", (178, 192), (-35, -15)),
    Region("sw_indian_ridge", (50, 70), (-45, -30)),
    Region("reykjanes_ridge", (320, 335), (52, 62)),
    Region("caribbean", (285, 300), (11, 19)),
    Region("mariana", (140, 150), (10, 24)),
    Region("east_pacific_rise", (245, 258), (-22, -5)),
    Region("arabian_sea_bay_of_bengal", (60, 90), (-10, 25), "india_topo.nc"),
)

# The deep networks (issue 3) have more weights to fit than a dictionary: they learn on
# TRAINING plus more ETOPO5 ocean boxes, all disjoint from every held-out grid too.
DEEP_TRAINING = TRAINING + (
    Region("nw_atlantic_newfoundland_basin", (300, 320), (36, 50)),
    Region("south_indian_ocean", (70, 110), (-50, -20)),
    Region("south_pacific_basin", (200, 250), (-60, -30)),
    Region("west_pacific_ontong_java", (150, 175), (-10, 2)),
    Region("philippine_sea", (125, 140), (10, 30)),
    Region("scotia_weddell", (300, 340), (-62, -45)),
    Region("gulf_of_alaska_aleutians", (180, 215), (48, 58)),
    Region("java_trench_wharton_basin", (95, 125), (-20, -5)),
    Region("chile_peru_trench", (270, 290), (-45, -15)),
    Region("tasman_sea", (150, 175), (-50, -30)),
    Region("japan_kuril_trench", (140, 159), (30, 48)),
    Region("central_atlantic_cape_verde", (320, 345), (5, 25)),
)

# Real surveys (issue 22), held out or trained on *by survey*, never by tile.  Extents
# are the surveys' own footprints in lon/lat (from their UTM georeferencing, rounded out).
SURVEY_TRAINING = (
    Region("timor_sea_1m_ggoutlier", (124.66, 124.67), (-14.98, -14.97),
           "DepthSurface_OutlierTest_GGV1.tif", False, "1 m", "survey", "spikes"),
    Region("puget_sound_8m_f00788", (237.32, 237.34), (48.14, 48.16),
           "F00788_SR_8m.tif", False, "8 m", "survey"),
)
SURVEY_HELD_OUT = (
    Region("bering_strait_2m_jd211", (191.57, 191.65), (65.29, 65.32),
           "JD211_elevation.tif", False, "2 m", "survey"),
    Region("salt_marsh_2m_zsw3", (0.0, 0.0), (0.0, 0.0), "zSW3.tif", False, "2 m",
           "intertidal"),
    Region("st_helens_30m_land", (237.87, 237.88), (46.12, 46.26), "SainteHelens.tif",
           False, "30 m", "land"),
)
# Notes the model cards carry about the surveys (what is masked and why).
SURVEY_NOTES = {
    "timor_sea_1m_ggoutlier": "its planted spikes (the 45 that denoise.find_spikes "
                              "finds) and their 8 neighbours are masked (nodata)",
    "bering_strait_2m_jd211": "held out, never trained on: its along-track stripes "
                              "(motion/refraction residuals, about 2 cm on a 2 m-relief "
                              "floor) would be learned as terrain; scored with its "
                              "stripes, which are part of its 'truth'",
    "salt_marsh_2m_zsw3": "no CRS (local x/y), so no lon/lat extent: it overlaps no box "
                          "of the ETOPO5 ocean regions by construction",
    "st_helens_30m_land": "land only (682-2543 m): inside the lon/lat box "
                          "ne_pacific_juan_de_fuca, whose training cells are ocean "
                          "only (z < 0), so no training cell lies on it",
}

HELD_OUT = (
    Region("azores_1min", (-33, -23), (35.5, 43), "bathy_1m.nc", False, "1'"),
    Region("south_atlantic_2min", (-30, 5), (-30, -5), "depth_pixel.nc", False, "2'"),
    Region("hawaii_5min", (159.8, 220.2), (3.1, 47.6), "HI_topo_02.nc", False, "5'"),
    Region("bermuda_rise_etopo5", (-66, -60), (30, 35), "tut_bathy.nc", False, "5'"),
)


# The deep networks' training and held-out grids: ETOPO5/GMT plus the real surveys.
NETWORK_TRAINING = DEEP_TRAINING + SURVEY_TRAINING
NETWORK_HELD_OUT = HELD_OUT + SURVEY_HELD_OUT


def check_disjoint():
    """Raise if any training region overlaps a held-out one.  An ocean-only training box
    cannot hold a cell of a held-out land grid (all of whose cells are above sea level,
    checked by `grid`), so that pair is no overlap; a grid without a CRS has an empty
    extent and overlaps nothing."""
    for t in TRAINING + NETWORK_TRAINING:
        for h in NETWORK_HELD_OUT:
            if t.ocean_only and h.kind == "land":
                continue
            if t.overlaps(h):
                raise AssertionError(f"training region {t.name} overlaps held-out {h.name}")


def grid(region):
    """The fine grid of a region as float64 with NaN for nodata (and land if ocean_only)."""
    from geoinverse.algorithms.raster import RasterReader
    if region.file:
        with RasterReader(DATA / region.file) as reader:
            z = reader.read_all().astype(np.float64)
    else:
        z = etopo5_box(region.lon, region.lat)
    if region.ocean_only:
        z = np.where(z < 0, z, np.nan)
    if region.clean == "spikes":
        z = mask_spikes(z)
    if region.kind == "land" and not np.nanmin(z) > 0:
        raise AssertionError(f"{region.name} is marked land but has cells at or below 0")
    return z


def spike_cells(z):
    """Bool mask of the spikes the cleaning tool finds (denoise.find_spikes: cells beyond
    all 8 neighbours, far off their 3 x 3 median) and of their 8 neighbours."""
    from scipy import ndimage
    from geoinverse.algorithms.bathymetry.denoise import find_spikes
    from geoinverse.algorithms.transforms import nearest_fill
    valid = np.isfinite(z)
    spikes = find_spikes(nearest_fill(z), valid)[0] & valid
    return ndimage.binary_dilation(spikes, np.ones((3, 3), bool))


def mask_spikes(z):
    """NaN at `spike_cells`: planted or real spikes must not train as relief."""
    return np.where(spike_cells(z), np.nan, z)


def etopo5_box(lon, lat):
    """An ETOPO5 lon/lat box (lon in 0..360) as float64 metres."""
    from geoinverse.algorithms.raster import RasterReader
    if not ETOPO5.exists():
        raise FileNotFoundError(f"{ETOPO5} is missing: apt-get install ferret-datasets "
                                "(or set GEOINVERSE_ETOPO5).")
    with RasterReader(ETOPO5) as reader:
        gt = reader.geotransform
        x0 = int(round((lon[0] - gt[0]) / gt[1]))
        x1 = int(round((lon[1] - gt[0]) / gt[1]))
        y0 = int(round((lat[1] - gt[3]) / gt[5]))
        y1 = int(round((lat[0] - gt[3]) / gt[5]))
        if x1 <= reader.width:
            return reader.read(x0, y0, x1 - x0, y1 - y0).astype(np.float64)
        left = reader.read(x0, y0, reader.width - x0, y1 - y0)
        right = reader.read(0, y0, x1 - reader.width, y1 - y0)
        return np.hstack([left, right]).astype(np.float64)


def pairs(regions, scale):
    """(coarse, fine) training or validation pairs, one per region."""
    from geoinverse.algorithms.bathymetry.sparse_sr import fine_pair
    return [fine_pair(grid(r), scale) for r in regions]


def training_pairs(scale):
    check_disjoint()
    return pairs(TRAINING, scale)


def held_out_pairs(scale, held_out=HELD_OUT):
    """{name: (coarse, fine)} for every held-out grid (default the GMT grids that every
    learned method shares; NETWORK_HELD_OUT adds the real surveys)."""
    from geoinverse.algorithms.bathymetry.sparse_sr import fine_pair
    check_disjoint()
    return {r.name: fine_pair(grid(r), scale) for r in held_out}
