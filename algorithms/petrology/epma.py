"""EPMA map sets and spot analyses: readers, dead-time correction, cps/uA normalisation.

Reads the JEOL formats that qntmap (Yasumoto et al. 2018, Am. Mineral. 103:1690) reads:

- an X-ray map folder (`.map/1/`): one `N.cnd` condition file (`$XM_ELEMENT`,
  `$XM_DWELL_TIME`, `$CM_CURRENT`, `$XM_MAP_START`, `$XM_POINTS`, `$XM_STEP_SIZE`) and
  one `N_map.txt` count matrix per element (or `dataNNN.cnd` / `dataNNN.csv`);
- a point-analysis folder (`.qnt/`): `stg.qnt` (stage x, y, z and the comment used as
  the phase name), `mes.qnt` (probe current), `elem.qnt`/`elint.qnt` (oxide and element
  names), `wt.qnt`, `net.qnt`, `pkint.qnt`, `bgp.qnt`, `bgm.qnt` and `.cnd/elemw.cnd`
  (background positions, peak and background times);
- or qntmap's condition tables (`conditions_xmap.csv`: Element, File path, Dwell [msec],
  Probe current [A], Start X/Y [mm], Step size [um], dead time [ns]; and
  `conditions_qnt.csv`) pointing at single-element maps (text/CSV matrices or any
  raster GDAL reads).

Map counts are dead-time corrected, N' = N / (1 - tau N / t) (tau dead time, t dwell),
and a map's counts per second per uA are N' / t / I. Elements pair with their maps by
the number in the file name (numerically, not as text: qntmap 1.0.2 sorts as text and
swaps elements once there are 10 or more).

Stage to pixel: as qntmap does, stage X (mm) gives the map row and stage Y the map
column: row = round((x - x0) * 1000 / step_x), column = round((y - y0) * 1000 / step_y)
(round half to even, like R).
"""
import csv
import os
import re
from dataclasses import dataclass, field

import numpy as np

from ..errors import Cancelled, InputError

MAP_NAME = re.compile(r"^(?:data)?(\d+)(?:_map\.txt|\.csv)$")
CND_NAME = re.compile(r"^(?:data)?(\d+)\.cnd$")
CND_KEYS = {
    "element": ("XM_ELEMENT", "XM_ELEM_NAME%0"),
    "dwell": ("XM_DWELL_TIME", "XM_AP_SA_DWELL_TIME%0"),
    "current": ("CM_CURRENT", "XM_DATA_PROBE_CURRENT"),
    "start": ("XM_MAP_START", "XM_AP_SA_STAGE_POS%0_1"),
    "pixels": ("XM_POINTS", "XM_AP_SA_PIXELS%0"),
    "step": ("XM_STEP_SIZE", "XM_AP_SA_PIXEL_SIZE%0"),
    "instrument": ("CM_INSTRUMENT", "XM_ANALYSIS_INSTRUMENT"),
}


@dataclass
class MapSet:
    """Per-element count maps (dead-time corrected) and the mapping conditions."""
    elements: list
    counts: dict              # element -> float64 (rows, cols) counts per pixel
    dwell_ms: float
    current_a: float
    start_mm: tuple = (0.0, 0.0)
    step_um: tuple = (1.0, 1.0)
    deadtime_ns: float = 0.0
    instrument: str = ""
    source: str = ""
    frame: tuple = None         # XMapTools stage frame (X1, X2, Y1, Y2) [mm], or None
    classification: dict = None  # XMapTools Classification.txt (phases, pixels, densities)

    @property
    def shape(self):
        return next(iter(self.counts.values())).shape

    @property
    def dwell_s(self):
        return self.dwell_ms * 1e-3

    @property
    def current_ua(self):
        return self.current_a * 1e6

    def cps_per_ua(self, element):
        """A map in counts per second per uA of probe current."""
        return self.counts[element] / self.dwell_s / self.current_ua


@dataclass
class Spots:
    """Point analyses: one row per spot, one column per oxide for the intensities."""
    ids: np.ndarray
    x_mm: np.ndarray
    y_mm: np.ndarray
    phase: np.ndarray          # str
    beam_a: np.ndarray         # probe current of each analysis [A]
    oxides: list
    elements: list             # element of each oxide (same order)
    wt: dict                   # oxide -> wt%
    net: dict                  # oxide -> net peak intensity [cps/uA]
    pkint: dict                # oxide -> peak intensity [cps/uA]
    bgp: dict
    bgm: dict
    bgp_pos: dict              # oxide -> background + position [mm]
    bgm_pos: dict
    peak_s: dict               # oxide -> peak counting time [s]
    back_s: dict
    row: np.ndarray = field(default=None)
    col: np.ndarray = field(default=None)
    inside: np.ndarray = field(default=None)

    def __len__(self):
        return len(self.ids)

    def background(self, oxide):
        """Background under the peak [cps/uA], interpolated between the two sides."""
        p, m = self.bgp_pos[oxide], self.bgm_pos[oxide]
        return (self.bgm[oxide] * m + self.bgp[oxide] * p) / (m + p)


# -- small parsers --------------------------------------------------------------------
def _numbers(tokens, what, path):
    try:
        return [float(t) for t in tokens]
    except ValueError:
        raise InputError(f"{path}: cannot read {what} from {' '.join(tokens)!r}.") from None


def read_map_cnd(path):
    """The `$KEY value...` lines of a JEOL map condition file as a dict of token lists."""
    found = {}
    with open(path, encoding="latin-1") as handle:
        for line in handle:
            parts = line.strip().lstrip("$").split()
            if len(parts) < 2:
                continue
            for name, keys in CND_KEYS.items():
                if parts[0] in keys and name not in found:
                    found[name] = parts[1:]
    missing = [k for k in ("element", "dwell", "current") if k not in found]
    if missing:
        raise InputError(f"{path}: no {', '.join(missing)} line in this map condition "
                         "file (expected $XM_ELEMENT, $XM_DWELL_TIME, $CM_CURRENT).")
    return found


def read_matrix(path):
    """A count map: a whitespace/comma separated text matrix, or a raster GDAL reads."""
    ext = os.path.splitext(path)[1].lower()
    if ext in (".txt", ".csv", ".dat", ""):
        with open(path, encoding="latin-1") as handle:
            first = handle.readline()
        try:
            array = np.loadtxt(path, dtype=np.float64, delimiter="," if "," in first else None,
                               ndmin=2, encoding="latin-1")
        except ValueError as error:
            raise InputError(f"{path}: not a full numeric matrix ({error}); a map must hold "
                             "the same number of numbers on every row.") from None
        return array
    from ..raster import read_array
    array = read_array(path)[0].astype(np.float64)
    return array


def correct_deadtime(counts, deadtime_ns, dwell_ms):
    """N / (1 - tau N / t): tau in ns, dwell t in ms, N counts in one pixel."""
    if deadtime_ns == 0:
        return counts
    denominator = 1.0 - deadtime_ns / dwell_ms * 1e-6 * counts
    if np.any(denominator <= 0):
        raise InputError(f"Dead time {deadtime_ns} ns is too long for counts up to "
                         f"{np.nanmax(counts):.0f} in {dwell_ms} ms: the correction "
                         "diverges. Check the dead time (ns) and dwell time (ms).")
    return counts / denominator


def _check_shapes(counts):
    shapes = {name: a.shape for name, a in counts.items()}
    if len(set(shapes.values())) > 1:
        listed = ", ".join(f"{k} {v[0]}x{v[1]}" for k, v in shapes.items())
        raise InputError(f"The element maps have different sizes ({listed}); every map "
                         "of a set must have the same rows and columns.")


# -- map sets -------------------------------------------------------------------------
def find_map_folder(folder):
    """The folder holding N.cnd + N_map.txt: the folder itself or its .map/1."""
    for candidate in (folder, os.path.join(folder, ".map", "1")):
        if os.path.isdir(candidate) and any(CND_NAME.match(f) for f in os.listdir(candidate)):
            return candidate
    raise InputError(f"{folder}: no JEOL map condition files (N.cnd) here or in .map/1/. "
                     "Give the map folder, or a conditions CSV.")


def read_jeol_maps(folder, deadtime_ns=0.0):
    """A JEOL map folder (see module doc) as a MapSet."""
    folder = find_map_folder(folder)
    names = os.listdir(folder)
    cnds = {int(m.group(1)): f for f in names if (m := CND_NAME.match(f)) and int(m.group(1)) > 0}
    maps = {int(m.group(1)): f for f in names if (m := MAP_NAME.match(f))}
    if sorted(cnds) != sorted(maps):
        raise InputError(f"{folder}: condition files {sorted(cnds)} and map files "
                         f"{sorted(maps)} do not pair up; each N.cnd needs an N_map.txt.")
    conditions = [read_map_cnd(os.path.join(folder, cnds[n])) for n in sorted(cnds)]
    first = conditions[0]
    elements = [c["element"][0] for c in conditions]
    if len(set(elements)) != len(elements):
        raise InputError(f"{folder}: an element is mapped twice ({elements}).")
    dwell = _numbers(first["dwell"][:1], "the dwell time", cnds[sorted(cnds)[0]])[0]
    current = _numbers(first["current"][:1], "the probe current", cnds[sorted(cnds)[0]])[0]
    start = tuple(_numbers(first.get("start", ["0", "0"])[:2], "the start", folder))
    step = tuple(_numbers(first.get("step", ["1", "1"])[:2], "the step size", folder))
    counts = {el: read_matrix(os.path.join(folder, maps[n]))
              for el, n in zip(elements, sorted(cnds))}
    return _finish(elements, counts, dwell, current, start, step, deadtime_ns,
                   " ".join(first.get("instrument", [""])), folder)


def _finish(elements, counts, dwell, current, start, step, deadtime_ns, instrument, source):
    _check_shapes(counts)
    for name, value in (("dwell time", dwell), ("probe current", current)):
        if not np.isfinite(value) or value <= 0:
            raise InputError(f"The map {name} is {value}; it must be a positive number.")
    counts = {el: correct_deadtime(a, deadtime_ns, dwell) for el, a in counts.items()}
    return MapSet(elements, counts, float(dwell), float(current), start, step,
                  float(deadtime_ns), instrument, source)


def _csv_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [{k.strip(): (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader(handle)]


def _first_number(rows, column, path, default=None):
    value = rows[0].get(column, "")
    if value == "":
        if default is not None:
            return default
        raise InputError(f"{path}: the first row has no '{column}' value; it sets the "
                         "mapping condition for every element.")
    return _numbers([value], column, path)[0]


def read_map_conditions(path, deadtime_ns=None):
    """qntmap's `conditions_xmap.csv`: one row per element map, conditions in row 1."""
    rows = _csv_rows(path)
    if not rows or "Element" not in rows[0] or "File path" not in rows[0]:
        raise InputError(f"{path}: a map conditions CSV needs the columns Element, "
                         "File path, Dwell [msec], Probe current [A].")
    base = os.path.dirname(os.path.abspath(path))
    elements = [r["Element"] for r in rows]
    counts = {}
    for r in rows:
        file = os.path.join(base, r["File path"])
        if not os.path.exists(file):
            raise InputError(f"{path}: the map of {r['Element']} ({file}) does not exist.")
        counts[r["Element"]] = read_matrix(file)
    dwell = _first_number(rows, "Dwell [msec]", path)
    current = _first_number(rows, "Probe current [A]", path)
    if deadtime_ns is None:
        deadtime_ns = _first_number(rows, "dead time [ns]", path, default=0.0)
    start = (_first_number(rows, "Start X [mm]", path, 0.0),
             _first_number(rows, "Start Y [mm]", path, 0.0))
    step = _first_number(rows, "Step size [um]", path, 1.0)
    return _finish(elements, counts, dwell, current, start, (step, step), deadtime_ns,
                   rows[0].get("Instrument", ""), path)


def read_maps(source, deadtime_ns=None):
    """A map set from a JEOL folder or a conditions CSV (deadtime_ns None: the file's)."""
    if os.path.isfile(source):
        return read_map_conditions(source, deadtime_ns)
    if not os.path.exists(source):
        raise InputError(f"{source} does not exist: give an existing JEOL map folder or "
                         "a map conditions CSV.")
    if not os.path.isdir(source):
        raise InputError(f"{source}: neither a map folder nor a conditions CSV.")
    return read_jeol_maps(source, deadtime_ns or 0.0)


# -- spot analyses --------------------------------------------------------------------
QNT_FILES = ("bgm", "bgp", "elem", "elint", "mes", "net", "pkint", "stg", "wt")


def _read_qnt_table(path):
    with open(path, encoding="latin-1") as handle:
        return [line.split() for line in handle if line.strip()]


def read_elemw(path, n_oxides):
    """Background positions and counting times from `.qnt/.cnd/elemw.cnd`."""
    patterns = {"bgp_pos": r"(Back |BG)\+\[mm\]", "bgm_pos": r"(Back |BG)-\[mm\]",
                "peak_s": r"(Peak|Pk)( Meas\.)? (Time|t)",
                "back_s": r"(Back|BG)( Meas\.)? (Time|t)"}
    with open(path, encoding="latin-1") as handle:
        lines = [line.rstrip("\n") for line in handle]
    values = {}
    for key, pattern in patterns.items():
        found = [line.split()[0] for line in lines if re.search(pattern, line)]
        if len(found) != n_oxides:
            raise InputError(f"{path}: found {len(found)} '{key}' values for {n_oxides} "
                             "analysed oxides; give a conditions_qnt.csv instead.")
        values[key] = _numbers(found, key, path)
    return values


def read_qnt_conditions(path, oxides):
    """qntmap's `conditions_qnt.csv` (Oxide, Element, Bg+ [mm], Bg- [mm], Peak [sec], Bg [sec])."""
    rows = {r["Oxide"]: r for r in _csv_rows(path)}
    columns = {"bgp_pos": "Bg+ [mm]", "bgm_pos": "Bg- [mm]", "peak_s": "Peak [sec]",
               "back_s": "Bg [sec]"}
    values = {k: [] for k in columns}
    for oxide in oxides:
        if oxide not in rows:
            raise InputError(f"{path}: no row for oxide {oxide}.")
        for key, column in columns.items():
            if rows[oxide].get(column, "") == "":
                raise InputError(f"{path}: oxide {oxide} has no '{column}' value.")
            values[key].append(_numbers([rows[oxide][column]], column, path)[0])
    return values


def read_jeol_qnt(folder, conditions=None):
    """A JEOL point-analysis folder (`.qnt`, or a folder holding one) as Spots."""
    if not os.path.exists(folder):
        raise InputError(f"The spot analyses folder {folder} does not exist.")
    if not os.path.exists(os.path.join(folder, "stg.qnt")):
        folder = os.path.join(folder, ".qnt")
    tables = {}
    for name in QNT_FILES:
        path = os.path.join(folder, name + ".qnt")
        if os.path.exists(path):
            tables[name] = _read_qnt_table(path)
    missing = [n for n in ("stg", "elem", "elint", "mes", "net", "wt", "bgm", "bgp")
               if n not in tables]
    if missing:
        raise InputError(f"{folder}: missing {', '.join(n + '.qnt' for n in missing)}.")
    oxides = tables["elem"][0][2:]
    elements = tables["elint"][0][2:]
    n_ox = len(oxides)
    stg = tables["stg"]
    n = len(stg)
    ids = np.array([int(float(r[0])) for r in stg])
    x = np.array(_numbers([r[4] for r in stg], "stage x", "stg.qnt"))
    y = np.array(_numbers([r[5] for r in stg], "stage y", "stg.qnt"))
    phase = np.array([" ".join(r[9:]).strip() for r in stg], dtype=object)
    beam = np.array(_numbers([r[2] for r in tables["mes"]], "probe current", "mes.qnt"))

    def per_oxide(name):
        rows = tables[name]
        if len(rows) != n:
            raise InputError(f"{folder}: {name}.qnt has {len(rows)} analyses, stg.qnt {n}.")
        values = np.array([_numbers(r[2:2 + n_ox], name, name + ".qnt") for r in rows])
        return {ox: values[:, i] for i, ox in enumerate(oxides)}

    if conditions is None:
        elemw = os.path.join(folder, ".cnd", "elemw.cnd")
        if not os.path.exists(elemw):
            raise InputError(f"{folder}: no .cnd/elemw.cnd; give the quantitative "
                             "conditions CSV (Oxide, Element, Bg+ [mm], Bg- [mm], Peak [sec], Bg [sec]).")
        cond = read_elemw(elemw, n_ox)
    else:
        cond = read_qnt_conditions(conditions, oxides)
    cond = {k: dict(zip(oxides, v)) for k, v in cond.items()}
    net, bgm, bgp = per_oxide("net"), per_oxide("bgm"), per_oxide("bgp")
    if "pkint" in tables:
        pkint = per_oxide("pkint")
    else:   # peak = net + background (positions-weighted)
        pkint = {ox: net[ox] + (bgm[ox] * cond["bgm_pos"][ox] + bgp[ox] * cond["bgp_pos"][ox])
                 / (cond["bgm_pos"][ox] + cond["bgp_pos"][ox]) for ox in oxides}
    pkint = {ox: np.where(v > 0, v, 0.0) for ox, v in pkint.items()}
    return Spots(ids, x, y, phase, beam, list(oxides), list(elements), per_oxide("wt"),
                 net, pkint, bgp, bgm, cond["bgp_pos"], cond["bgm_pos"], cond["peak_s"],
                 cond["back_s"])


def locate_spots(spots, maps):
    """Pixel row/column of every spot; spots off the map get inside=False.

    Two spots on one pixel: the first is kept, later ones are dropped (as qntmap does).
    Returns the list of dropped spot ids.
    """
    rows, cols = maps.shape
    if maps.frame is not None:     # XMapTools: see xmaptools.py
        from .xmaptools import pixel_index
        r, c, spots.inside = pixel_index(spots.x_mm, spots.y_mm, maps.frame, maps.shape)
        spots.row, spots.col = r, c
    else:
        r = np.round((spots.x_mm - maps.start_mm[0]) * 1e3 / maps.step_um[0]).astype(int)
        c = np.round((spots.y_mm - maps.start_mm[1]) * 1e3 / maps.step_um[1]).astype(int)
        spots.row, spots.col = r, c
        spots.inside = (r >= 0) & (r < rows) & (c >= 0) & (c < cols)
    _, first = np.unique(r * (cols + 1) + c, return_index=True)
    keep = np.zeros(len(spots), bool)
    keep[first] = True
    dropped = [int(i) for i in spots.ids[~keep]]
    if dropped:
        subset(spots, keep)
    return dropped


def subset(spots, keep):
    """Keep the spots where `keep` is True (in place)."""
    for name in ("ids", "x_mm", "y_mm", "phase", "beam_a", "row", "col", "inside"):
        value = getattr(spots, name)
        if value is not None:
            setattr(spots, name, value[keep])
    for name in ("wt", "net", "pkint", "bgp", "bgm"):
        table = getattr(spots, name)
        for ox in list(table):
            table[ox] = table[ox][keep]


def map_counts_at_spots(spots, maps, element):
    """Map counts under each spot (NaN off the map or for an unmapped element)."""
    out = np.full(len(spots), np.nan)
    if element in maps.counts:
        inside = spots.inside
        out[inside] = maps.counts[element][spots.row[inside], spots.col[inside]]
    return out


# -- map-set folders (what geoinverse:loadepma writes) --------------------------------
MAPSET_JSON = "mapset.json"
SPOT_FIELDS = ("wt", "net", "pkint", "bgp", "bgm")


def load(source, qnt=None, qnt_conditions=None, deadtime_ns=None):
    """Maps (a map-set folder, a JEOL folder or a conditions CSV) and, when there are
    any, spots located on them. Returns (maps, spots or None, dropped spot ids)."""
    if os.path.isdir(source) and os.path.exists(os.path.join(source, MAPSET_JSON)):
        maps, spots = read_mapset(source)
        return maps, spots, []
    from . import xmaptools
    if qnt is None and xmaptools.is_project(source):
        if deadtime_ns:
            raise InputError("An XMapTools project gives no dwell time, so no dead-time "
                             "correction can be made; leave the dead time at -1 or 0.")
        maps, spots = xmaptools.read_project(source)
        dropped = locate_spots(spots, maps) if spots is not None else []
        return maps, spots, dropped
    maps = read_maps(source, deadtime_ns)
    if qnt is None and os.path.isdir(source) and os.path.isdir(os.path.join(source, ".qnt")):
        qnt = source
    if qnt is None:
        return maps, None, []
    spots = read_jeol_qnt(qnt, qnt_conditions)
    dropped = locate_spots(spots, maps)
    return maps, spots, dropped


def write_mapset(maps, spots, folder, points_path=None):
    """One float32 cps/uA GeoTIFF per element (no geotransform, band description =
    element), mapset.json (conditions and spot table) and optionally the spot point
    layer (x = column + 0.5, y = -(row + 0.5)). Returns the raster paths."""
    import json
    from ..raster import write_array
    os.makedirs(folder, exist_ok=True)
    paths = {}
    for el in maps.elements:
        paths[el] = os.path.join(folder, f"{el}.tif")
        write_array(paths[el], maps.cps_per_ua(el), None, "", description=el)
    meta = {"elements": maps.elements, "files": {el: f"{el}.tif" for el in maps.elements},
            "units": "cps/uA", "dwell_ms": maps.dwell_ms, "current_a": maps.current_a,
            "start_mm": list(maps.start_mm), "step_um": list(maps.step_um),
            "deadtime_ns": maps.deadtime_ns, "instrument": maps.instrument,
            "source": os.path.abspath(maps.source) if maps.source else ""}
    if maps.frame is not None:
        meta["units"] = "counts"
        meta["frame_mm"] = list(maps.frame)
    if maps.classification is not None:
        meta["classification"] = maps.classification
    if spots is not None:
        meta["spots"] = _spots_to_json(spots)
    tmp = os.path.join(folder, MAPSET_JSON + ".partial")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(meta, handle, indent=1)
    os.replace(tmp, os.path.join(folder, MAPSET_JSON))
    if points_path and spots is not None:
        write_spot_points(spots, maps, points_path)
    return paths


def _spots_to_json(spots):
    data = {"ids": spots.ids.tolist(), "x_mm": spots.x_mm.tolist(),
            "y_mm": spots.y_mm.tolist(), "phase": [str(p) for p in spots.phase],
            "beam_a": spots.beam_a.tolist(), "oxides": spots.oxides,
            "elements": spots.elements}
    for name in SPOT_FIELDS:
        data[name] = {ox: getattr(spots, name)[ox].tolist() for ox in spots.oxides}
    for name in ("bgp_pos", "bgm_pos", "peak_s", "back_s"):
        data[name] = getattr(spots, name)
    return data


def mapset_title(folder):
    """The name a person knows a map set by: the sample folder (or conditions CSV) it
    was imported from, as recorded in its mapset.json; else the folder's own name."""
    import json
    folder = os.path.abspath(str(folder))
    try:
        with open(os.path.join(folder, MAPSET_JSON), encoding="utf-8") as handle:
            source = json.load(handle).get("source") or folder
    except (OSError, ValueError, AttributeError):
        source = folder
    # JEOL folders are SAMPLE/.map/1: name the sample, not the map number
    parts = [p for p in source.replace("\\", "/").split("/") if p]
    while len(parts) > 1 and (parts[-1].isdigit() or parts[-1].startswith(".")):
        parts.pop()
    return os.path.splitext(parts[-1])[0] if parts else folder


def read_mapset(folder):
    """A folder written by `write_mapset`: (MapSet in counts, Spots or None)."""
    import json
    from ..raster import read_array
    with open(os.path.join(folder, MAPSET_JSON), encoding="utf-8") as handle:
        meta = json.load(handle)
    scale = meta["dwell_ms"] * 1e-3 * meta["current_a"] * 1e6
    counts = {}
    for el in meta["elements"]:
        path = os.path.join(folder, meta["files"][el])
        if not os.path.exists(path):
            raise InputError(f"{folder}: the map of {el} ({path}) is missing.")
        counts[el] = read_array(path)[0].astype(np.float64) * scale
    _check_shapes(counts)
    maps = MapSet(list(meta["elements"]), counts, meta["dwell_ms"], meta["current_a"],
                  tuple(meta["start_mm"]), tuple(meta["step_um"]), meta["deadtime_ns"],
                  meta.get("instrument", ""), folder)
    if meta.get("frame_mm"):
        maps.frame = tuple(meta["frame_mm"])
    if meta.get("classification"):
        c = meta["classification"]
        maps.classification = {"phases": c["phases"], "densities": c.get("densities", {}),
                               "pixels": [tuple(p) for p in c["pixels"]]}
    spots = None
    if "spots" in meta:
        s = meta["spots"]
        arr = {name: {ox: np.array(v, dtype=float) for ox, v in s[name].items()}
               for name in SPOT_FIELDS}
        spots = Spots(np.array(s["ids"]), np.array(s["x_mm"]), np.array(s["y_mm"]),
                      np.array(s["phase"], dtype=object), np.array(s["beam_a"]),
                      s["oxides"], s["elements"], arr["wt"], arr["net"], arr["pkint"],
                      arr["bgp"], arr["bgm"], s["bgp_pos"], s["bgm_pos"], s["peak_s"],
                      s["back_s"])
        locate_spots(spots, maps)
    return maps, spots


def write_spot_points(spots, maps, path):
    """The spots as a point layer in pixel coordinates (no CRS), written with OGR.

    FlatGeobuf (the default) is the format that can say "no CRS", so QGIS treats the
    spots exactly like the CRS-less maps and overlays them.  GeoPackage must name an
    SRS; we write its "undefined Cartesian" code, which QGIS 3.22 reads as a valid
    engineering CRS, so spots written as .gpkg may need their CRS cleared in QGIS.
    """
    from osgeo import ogr
    from ..raster import _remove
    driver_name = {".gpkg": "GPKG", ".shp": "ESRI Shapefile", ".geojson": "GeoJSON",
                   ".csv": "CSV", ".fgb": "FlatGeobuf"}.get(
        os.path.splitext(path)[1].lower(), "FlatGeobuf")
    tmp = path + ".partial" + os.path.splitext(path)[1]
    driver = ogr.GetDriverByName(driver_name)
    if os.path.exists(tmp):
        driver.DeleteDataSource(tmp)
    ds = driver.CreateDataSource(tmp)
    layer = ds.CreateLayer("spots", None, ogr.wkbPoint)
    fields = [("id", ogr.OFTInteger), ("phase", ogr.OFTString), ("row", ogr.OFTInteger),
              ("col", ogr.OFTInteger), ("inside", ogr.OFTInteger)]
    for ox, el in zip(spots.oxides, spots.elements):
        fields += [(f"{ox}_wt", ogr.OFTReal), (f"{ox}_pkint", ogr.OFTReal),
                   (f"{ox}_net", ogr.OFTReal), (f"{el}_map", ogr.OFTReal)]
    for name, kind in fields:
        layer.CreateField(ogr.FieldDefn(name, kind))
    for i in range(len(spots)):
        f = ogr.Feature(layer.GetLayerDefn())
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(spots.col[i]) + 0.5, -(float(spots.row[i]) + 0.5))
        f.SetGeometry(point)
        f.SetField("id", int(spots.ids[i]))
        f.SetField("phase", str(spots.phase[i]))
        f.SetField("row", int(spots.row[i]))
        f.SetField("col", int(spots.col[i]))
        f.SetField("inside", int(spots.inside[i]))
        for ox, el in zip(spots.oxides, spots.elements):
            f.SetField(f"{ox}_wt", float(spots.wt[ox][i]))
            f.SetField(f"{ox}_pkint", float(spots.pkint[ox][i]))
            f.SetField(f"{ox}_net", float(spots.net[ox][i]))
            if spots.inside[i] and el in maps.counts:
                value = maps.counts[el][spots.row[i], spots.col[i]]
                f.SetField(f"{el}_map", float(value / maps.dwell_s / maps.current_ua))
        layer.CreateFeature(f)
    if driver_name == "GPKG":   # GeoPackage's "undefined Cartesian SRS", not geographic
        for table in ("gpkg_geometry_columns", "gpkg_contents"):
            ds.ExecuteSQL(f"UPDATE {table} SET srs_id = -1 WHERE table_name = 'spots'")
    ds = None
    if os.path.exists(path):
        driver.DeleteDataSource(path)
    os.replace(tmp, path)
    _remove(tmp)
    return path


def polygon_regions(path, shape, field=None, group=False):
    """Polygons drawn over the maps (QGIS pixel coordinates) as an int region raster.

    group=False: polygon k (in layer order) is region k, named by `field` if given.
    group=True: polygons sharing a `field` value form one region (classes for
    supervised classification), regions numbered in sorted name order.
    Returns (regions, {region: name}).
    """
    from osgeo import ogr
    source = ogr.Open(str(path))
    if source is None:
        raise InputError(f"Cannot read the polygons {path}.")
    layer = source.GetLayer(0)
    if field and layer.GetLayerDefn().GetFieldIndex(field) < 0:
        raise InputError(f"The polygon layer has no field '{field}'.")
    labels = [str(f.GetField(field)) if field else str(i + 1) for i, f in enumerate(layer)]
    source = None
    if group:
        if not field:
            raise InputError("Training polygons need a field holding the phase name.")
        names = sorted(set(labels))
        number = {n: i + 1 for i, n in enumerate(names)}
        values = [number[lab] for lab in labels]
    else:
        values = list(range(1, len(labels) + 1))
    counter = iter(values)
    from ..raster import rasterize_polygons
    regions = rasterize_polygons(path, shape[1], shape[0], lambda feature: next(counter))
    if group:
        return regions, {number[n]: n for n in names}
    return regions, {v: lab for v, lab in zip(values, labels)}


def import_mapset(source, folder, qnt=None, qnt_conditions=None, deadtime_ns=None,
                  points_path=None, progress=None, cancelled=None):
    """loadepma: read a map set (+ spots) and write it as a map-set folder."""
    if not source:
        raise InputError("Give the map folder or a map conditions CSV.")
    maps, spots, dropped = load(source, qnt, qnt_conditions, deadtime_ns)
    if progress:
        progress(0.5)
    if cancelled is not None and cancelled():
        raise Cancelled("Cancelled before anything was written.")
    write_mapset(maps, spots, folder, points_path)
    if progress:
        progress(1.0)
    return maps, spots, dropped
