"""XMapTools projects: count matrices, spot analyses in wt%, training pixels.

XMapTools (Lanari et al. 2014, Comput. Geosci. 62:227; Lanari et al. 2019, Geol. Soc.
London Spec. Publ. 478:39) works on a folder holding:

- one map per element, ``<Element>.txt`` (or ``.asc``/``.dat``/``.csv``; the name may be
  the oxide, ``MgO.txt``): a whitespace- or comma-separated count matrix without header,
  one map row per line;
- ``Standards.txt``: three blocks, each after its marker line ``>1``, ``>2``, ``>3``:
  ``>1`` the map's stage frame ``X1 X2 Y1 Y2`` (mm), ``>2`` the oxide order ending in
  ``X Y``, ``>3`` one spot analysis per line (wt% in the ``>2`` order, then stage X, Y in
  mm);
- optionally ``Classification.txt``: one phase per line, ``name x y`` with a training
  pixel (1-based column, row), then after a ``>2`` marker the densities (``name value``
  or one value per line in the phase order).

A spot at stage (X, Y) lies at column (X - X1) / (X2 - X1) W and row (Y - Y2) / (Y1 - Y2)
H of a W x H map (row 0 is the Y2 edge), as XMapTools places it; the pixel is the one
whose square [c, c + 1) x [r, r + 1) holds that point (a spot on the far edge takes the
last pixel).  XMapTools gives no dwell time or probe current: the maps stay in counts
(the map set records a nominal 1 s and 1 uA, so its "cps/uA" rasters are the counts).
"""
import os
import re

import numpy as np

from ..errors import InputError

MAP_EXTENSIONS = (".txt", ".asc", ".dat", ".csv")
PROJECT_FILES = ("standards.txt", "classification.txt", "import.txt")
ELEMENTS = set("""H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni
Cu Zn Ga Ge As Se Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr
Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th
Pa U Np Pu""".split())
OXIDE = re.compile(r"^([A-Z][a-z]?)(\d*)(?:O(\d*))?$")
NOMINAL_DWELL_MS, NOMINAL_CURRENT_A = 1000.0, 1e-6


def element_of(name):
    """'Al2O3' -> 'Al', 'MgO' -> 'Mg', 'Mg' -> 'Mg'; None for anything else."""
    match = OXIDE.match(name.strip())
    if match and match.group(1) in ELEMENTS:
        return match.group(1)
    return None


def map_files(folder):
    """{element: file name} of the count matrices in a project folder."""
    found = {}
    for name in sorted(os.listdir(folder)):
        stem, ext = os.path.splitext(name)
        if ext.lower() not in MAP_EXTENSIONS or name.lower() in PROJECT_FILES:
            continue
        element = element_of(stem)
        if element is None:
            continue
        if element in found:
            raise InputError(f"{folder}: two maps of {element} ({found[element]} and "
                             f"{name}); keep one.")
        found[element] = name
    return found


def is_project(folder):
    """An XMapTools project: a Standards.txt, or element-named matrices and no JEOL .cnd."""
    if not os.path.isdir(folder):
        return False
    names = {n.lower() for n in os.listdir(folder)}
    if "standards.txt" in names:
        return True
    if any(n.endswith(".cnd") for n in names) or os.path.isdir(os.path.join(folder, ".map")):
        return False
    return bool(map_files(folder))


def read_count_matrix(path):
    """A count matrix, checked line by line (the error names the file and the line)."""
    rows, width, name = [], None, os.path.basename(path)
    with open(path, encoding="latin-1") as handle:
        for number, line in enumerate(handle, 1):
            tokens = line.replace(",", " ").replace(";", " ").split()
            if not tokens:
                continue
            try:
                values = [float(t) for t in tokens]
            except ValueError:
                raise InputError(f"{path} line {number}: not a row of numbers "
                                 f"({line.strip()[:40]!r}); a map holds counts only, no "
                                 "header.") from None
            if width is None:
                width, first = len(values), number
            elif len(values) != width:
                raise InputError(f"{path} line {number}: {len(values)} numbers, but line "
                                 f"{first} has {width}; every row of {name} must have the "
                                 "same number of pixels.")
            rows.append(values)
    if not rows:
        raise InputError(f"{path}: the map is empty.")
    return np.array(rows, dtype=np.float64), number


def _blocks(path, default=None):
    """The marked blocks of a project file: ({n: [(line number, tokens), ...]},
    {n: marker line}, last line).  Lines before the first marker go to block `default`
    (an error when it is None)."""
    blocks, markers, current, number = {}, {}, default, 0
    if default is not None:
        blocks[default] = []
    with open(path, encoding="latin-1") as handle:
        for number, line in enumerate(handle, 1):
            text = line.strip()
            if not text or text.startswith(("#", "%")):
                continue
            marker = re.match(r"^>\s*(\d+)", text)
            if marker:
                current = int(marker.group(1))
                blocks.setdefault(current, [])
                markers[current] = number
                continue
            if current is None:
                raise InputError(f"{path} line {number}: text before the first block "
                                 "marker; the file must start with '>1'.")
            blocks[current].append((number, text.replace(",", " ").split()))
    return blocks, markers, number


def read_standards(path, shape, maps_available):
    """Standards.txt -> (frame (X1, X2, Y1, Y2), oxides, elements, wt (n, k), X, Y, lines)."""
    blocks, markers, last = _blocks(path)
    what = {1: "the map frame X1 X2 Y1 Y2", 2: "the oxide order ending in X Y",
            3: "the spot analyses, one per line"}
    for n in (1, 2, 3):
        if not blocks.get(n):
            state = "has no" if n not in blocks else f"has an empty (line {markers[n]})"
            raise InputError(f"{path} {state} '>{n}' block ({what[n]}; the file ends at "
                             f"line {last}). Standards.txt needs three blocks: >1 the map "
                             "frame, >2 the oxide order, >3 one spot per line.")
    line, tokens = blocks[1][0]
    if len(tokens) < 4:
        raise InputError(f"{path} line {line}: the map frame needs 4 numbers X1 X2 Y1 Y2 "
                         f"(mm), found {' '.join(tokens)!r}.")
    try:
        frame = tuple(float(t) for t in tokens[:4])
    except ValueError:
        raise InputError(f"{path} line {line}: cannot read the map frame X1 X2 Y1 Y2 from "
                         f"{' '.join(tokens)!r}.") from None
    if frame[0] == frame[1] or frame[2] == frame[3]:
        raise InputError(f"{path} line {line}: the map frame {frame} is empty (X1 = X2 or "
                         "Y1 = Y2).")
    line2, names = blocks[2][0]
    if len(names) < 3 or [n.upper() for n in names[-2:]] != ["X", "Y"]:
        raise InputError(f"{path} line {line2}: the oxide order must end in X Y "
                         f"(found {' '.join(names)!r}).")
    oxides, elements = [], []
    for name in names[:-2]:
        element = element_of(name)
        if element is None:
            raise InputError(f"{path} line {line2}: {name!r} is not an oxide or element "
                             "name (e.g. SiO2, Al2O3, FeO, F).")
        if element not in maps_available:
            raise InputError(f"{path} line {line2}: {name} has no map; add {element}.txt "
                             f"to the project (maps found: {', '.join(sorted(maps_available))}).")
        oxides.append(name)
        elements.append(element)
    rows, xs, ys, lines = [], [], [], []
    for line3, tokens in blocks[3]:
        if len(tokens) != len(names):
            raise InputError(f"{path} line {line3}: {len(tokens)} values, but the oxide "
                             f"order (line {line2}) has {len(names)} columns.")
        try:
            values = [float(t) for t in tokens]
        except ValueError:
            raise InputError(f"{path} line {line3}: not a row of numbers.") from None
        rows.append(values[:-2])
        xs.append(values[-2])
        ys.append(values[-1])
        lines.append(line3)
    x, y = np.array(xs), np.array(ys)
    col, row = frame_pixels(x, y, frame, shape)
    h, w = shape
    off = (col < 0) | (col > w) | (row < 0) | (row > h)
    if off.any():
        k = int(np.flatnonzero(off)[0])
        raise InputError(f"{path} line {lines[k]}: spot {k + 1} at X = {x[k]:g}, Y = "
                         f"{y[k]:g} mm lies outside the map frame (line {line}: X "
                         f"{min(frame[:2]):g} to {max(frame[:2]):g}, Y {min(frame[2:]):g} "
                         f"to {max(frame[2:]):g} mm); check the frame and the spot "
                         "coordinates.")
    return frame, oxides, elements, np.array(rows), x, y, lines


def frame_pixels(x, y, frame, shape):
    """Continuous (column, row) of stage points: (X - X1)/(X2 - X1) W, (Y - Y2)/(Y1 - Y2) H."""
    x1, x2, y1, y2 = frame
    h, w = shape
    return (np.asarray(x) - x1) / (x2 - x1) * w, (np.asarray(y) - y2) / (y1 - y2) * h


def pixel_index(x, y, frame, shape):
    """Integer (row, column) of stage points and whether they lie on the map."""
    col, row = frame_pixels(x, y, frame, shape)
    h, w = shape
    inside = (col >= 0) & (col <= w) & (row >= 0) & (row <= h)
    c = np.clip(np.floor(col), 0, w - 1).astype(int)
    r = np.clip(np.floor(row), 0, h - 1).astype(int)
    return r, c, inside


def read_classification(path, shape):
    """Classification.txt -> {"phases", "pixels" [(row, col) 0-based], "densities"}."""
    blocks = _blocks(path, default=1)[0]
    phases, pixels = [], []
    h, w = shape
    for number, tokens in blocks.get(1, []):
        try:
            name, x, y = " ".join(tokens[:-2]), int(float(tokens[-2])), int(float(tokens[-1]))
        except (ValueError, IndexError):
            raise InputError(f"{path} line {number}: expected 'phase x y' (a training "
                             "pixel, 1-based column and row).") from None
        if not name:
            raise InputError(f"{path} line {number}: the phase has no name.")
        if not (1 <= x <= w and 1 <= y <= h):
            raise InputError(f"{path} line {number}: pixel x = {x}, y = {y} of {name} is "
                             f"outside the {w} x {h} map (1-based column, row).")
        phases.append(name)
        pixels.append((y - 1, x - 1))
    if not phases:
        raise InputError(f"{path}: no phase line ('phase x y') before '>2'.")
    densities = {}
    entries = blocks.get(2, [])
    for k, (number, tokens) in enumerate(entries):
        try:
            if len(tokens) == 1:
                if k >= len(phases):
                    raise ValueError
                densities[phases[k]] = float(tokens[0])
            else:
                densities[" ".join(tokens[:-1])] = float(tokens[-1])
        except ValueError:
            raise InputError(f"{path} line {number}: expected a density ('phase g/cm3' or "
                             "one value per phase, in the phase order).") from None
    unknown = sorted(set(densities) - set(phases))
    if unknown:
        raise InputError(f"{path}: densities for {', '.join(unknown)}, which is not a "
                         "phase listed above '>2'.")
    return {"phases": phases, "pixels": pixels, "densities": densities}


def _find(folder, lower):
    for name in os.listdir(folder):
        if name.lower() == lower:
            return os.path.join(folder, name)
    return None


def read_project(folder):
    """An XMapTools project folder -> (MapSet, Spots or None).

    The spots carry wt% only: their intensities are NaN and their phase is '' (the
    phase of a spot is the class of its pixel, known after classification).
    """
    from .epma import MapSet, Spots, _check_shapes
    files = map_files(folder)
    if not files:
        raise InputError(f"{folder}: no element maps (<Element>.txt count matrices, e.g. "
                         "Mg.txt) in this XMapTools project.")
    counts, ends = {}, {}
    for el, name in files.items():
        counts[el], ends[el] = read_count_matrix(os.path.join(folder, name))
    shapes = {el: a.shape for el, a in counts.items()}
    if len(set(shapes.values())) > 1:
        common = max(set(shapes.values()), key=list(shapes.values()).count)
        el = next(e for e, s in shapes.items() if s != common)
        listed = ", ".join(f"{files[e]} {s[0]}x{s[1]}" for e, s in shapes.items())
        raise InputError(f"{os.path.join(folder, files[el])} line {ends[el]}: this map has "
                         f"{shapes[el][0]} rows of {shapes[el][1]} pixels, the others "
                         f"{common[0]} x {common[1]}; the element maps have different "
                         f"sizes ({listed}) and must all be the same size.")
    _check_shapes(counts)
    elements = list(files)
    shape = counts[elements[0]].shape
    maps = MapSet(elements, counts, NOMINAL_DWELL_MS, NOMINAL_CURRENT_A, (0.0, 0.0),
                  (1.0, 1.0), 0.0, "XMapTools", folder)
    spots = None
    standards = _find(folder, "standards.txt")
    if standards:
        frame, oxides, els, wt, x, y, _ = read_standards(standards, shape, set(elements))
        maps.frame = frame
        n = len(x)
        nan = np.full(n, np.nan)
        none = {ox: nan.copy() for ox in oxides}
        spots = Spots(np.arange(1, n + 1), x, y, np.array([""] * n, dtype=object), nan.copy(),
                      oxides, els, {ox: wt[:, i] for i, ox in enumerate(oxides)},
                      dict(none), {ox: nan.copy() for ox in oxides},
                      {ox: nan.copy() for ox in oxides}, {ox: nan.copy() for ox in oxides},
                      {ox: float("nan") for ox in oxides}, {ox: float("nan") for ox in oxides},
                      {ox: float("nan") for ox in oxides}, {ox: float("nan") for ox in oxides})
    classification = _find(folder, "classification.txt")
    if classification:
        maps.classification = read_classification(classification, shape)
    return maps, spots


def write_project(folder, counts, frame, oxides, wt, x, y, classification=None,
                  densities=None):
    """Write an XMapTools project (for tests, benchmarks and converted examples).

    counts: {element: 2-D array}; wt: (n_spots, n_oxides); x, y: stage mm;
    classification: [(phase, x, y 1-based)]; densities: {phase: g/cm3}.
    """
    os.makedirs(folder, exist_ok=True)
    for el, array in counts.items():
        fmt = "%d" if np.all(np.mod(array, 1) == 0) else "%.6g"
        np.savetxt(os.path.join(folder, f"{el}.txt"), array, fmt=fmt, delimiter="\t")
    with open(os.path.join(folder, "Standards.txt"), "w", encoding="utf-8") as handle:
        handle.write(">1\n" + "\t".join(f"{v:.6f}" for v in frame) + "\n\n")
        handle.write(">2\n" + "\t".join(list(oxides) + ["X", "Y"]) + "\n\n>3\n")
        for row, xi, yi in zip(wt, x, y):
            handle.write("\t".join([f"{v:.4f}" for v in row] + [f"{xi:.6f}", f"{yi:.6f}"])
                         + "\n")
    if classification:
        with open(os.path.join(folder, "Classification.txt"), "w", encoding="utf-8") as h:
            h.write(">1\n")
            for name, px, py in classification:
                h.write(f"{name}\t{px}\t{py}\n")
            if densities:
                h.write("\n>2\n")
                for name, _, _ in classification:
                    h.write(f"{name}\t{densities[name]}\n")
