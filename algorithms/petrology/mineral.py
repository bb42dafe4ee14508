"""Mineral structural formulae and end-member fractions from oxide wt% (maps or spots).

Cations per formula unit on an oxygen basis: moles of each oxide times its oxygens,
scaled so the oxygens sum to the basis, then times cations per oxygen of the oxide
(e.g. Deer, Howie & Zussman 1992, An Introduction to the Rock-Forming Minerals,
Appendix; Brady & Perkins, "Mineral formulae recalculation", SERC Carleton).

Fe3+ by charge balance (Droop 1987, Mineralogical Magazine 51:431-435): with all iron
as FeO and S cations on O oxygens, a formula with T cations holds
F = 2 O (1 - T / S) Fe3+ per formula unit after scaling the cations to T.

End members follow the usual site fractions (garnet on the X site, feldspar on the A
site, pyroxene on the Ca-Mg-Fe quadrilateral after Morimoto 1988; XMg = Mg/(Mg+Fe2+)).
This is the basis the XMapTools-style maps and the P-T tools use (Lanari et al. 2014).
"""
import numpy as np

from ..errors import InputError

# molar mass [g/mol], cations, oxygens, cation name
OXIDES = {
    "SiO2": (60.0843, 1, 2, "Si"), "TiO2": (79.8658, 1, 2, "Ti"),
    "Al2O3": (101.9613, 2, 3, "Al"), "Cr2O3": (151.9904, 2, 3, "Cr"),
    "Fe2O3": (159.6882, 2, 3, "Fe3"), "FeO": (71.8444, 1, 1, "Fe2"),
    "MnO": (70.9374, 1, 1, "Mn"), "MgO": (40.3044, 1, 1, "Mg"),
    "CaO": (56.0774, 1, 1, "Ca"), "Na2O": (61.9789, 2, 1, "Na"),
    "K2O": (94.1960, 2, 1, "K"), "NiO": (74.6928, 1, 1, "Ni"),
    "ZnO": (81.3794, 1, 1, "Zn"), "BaO": (153.3264, 1, 1, "Ba"),
    "SrO": (103.6194, 1, 1, "Sr"), "P2O5": (141.9445, 2, 5, "P"),
}
FEO_PER_FE2O3 = 2 * OXIDES["FeO"][0] / OXIDES["Fe2O3"][0]

# oxygen basis, cations for Fe3+ by charge balance (None: not defined)
MINERALS = {
    "garnet": (12, 8), "plagioclase": (8, 5), "feldspar": (8, 5), "pyroxene": (6, 4),
    "olivine": (4, 3), "biotite": (11, None), "white mica": (11, None),
    "chlorite": (14, None), "spinel": (4, 3), "amphibole": (23, None),
}


def formula(wt, oxygens, cations=None):
    """Cations per formula unit.

    wt: {oxide: wt% (scalar or array)}; unknown oxides are an error, H2O/F/Cl are
    ignored (anhydrous basis). cations: give the ideal cation total to split iron
    into Fe2 and Fe3 by charge balance (Droop 1987); without it Fe2O3 and FeO are
    taken as given (FeO alone = all Fe2+). Returns {cation: apfu}.
    """
    wt = {k: np.asarray(v, dtype=np.float64) for k, v in wt.items()
          if k not in ("H2O", "H2O+", "H2O-", "F", "Cl", "LOI", "Total")}
    unknown = [k for k in wt if k not in OXIDES]
    if unknown:
        raise InputError(f"Unknown oxide(s) {', '.join(unknown)}; known: {', '.join(OXIDES)}.")
    if not wt:
        raise InputError("No oxide wt% given.")
    if cations is not None:     # all iron as FeO first
        feo = wt.pop("FeO", 0.0) + wt.pop("Fe2O3", 0.0) * FEO_PER_FE2O3
        if np.any(np.asarray(feo) != 0):
            wt["FeO"] = np.asarray(feo, dtype=np.float64)
    moles = {k: np.where(np.isfinite(v), np.maximum(v, 0), np.nan) / OXIDES[k][0]
             for k, v in wt.items()}
    oxy = sum(m * OXIDES[k][2] for k, m in moles.items())
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(oxy > 0, oxygens / oxy, np.nan)
    out = {OXIDES[k][3]: m * OXIDES[k][1] * scale for k, m in moles.items()}
    if cations is not None and "Fe2" in out:
        total = sum(out.values())
        with np.errstate(divide="ignore", invalid="ignore"):
            to_t = cations / total
            fe3 = 2 * oxygens * (1 - cations / total)
        out = {k: v * to_t for k, v in out.items()}
        fe3 = np.clip(fe3, 0, out["Fe2"])
        out["Fe3"] = fe3
        out["Fe2"] = out["Fe2"] - fe3
    return out


def _get(apfu, name):
    first = next(iter(apfu.values()))
    return apfu.get(name, np.zeros_like(first))


def _fractions(apfu, names, labels=None):
    parts = [_get(apfu, n) for n in names]
    total = sum(parts)
    with np.errstate(divide="ignore", invalid="ignore"):
        return {label: p / total for label, p in zip(labels or names, parts)}


def end_members(mineral, apfu):
    """End-member fractions and site numbers for a mineral (see module doc)."""
    g = lambda n: _get(apfu, n)  # noqa: E731
    fe2 = g("Fe2")
    with np.errstate(divide="ignore", invalid="ignore"):
        xmg = g("Mg") / (g("Mg") + fe2)
    if mineral == "garnet":
        out = _fractions(apfu, ["Fe2", "Mg", "Ca", "Mn"], ["Alm", "Prp", "Grs", "Sps"])
        out["XMg"] = xmg
        return out
    if mineral in ("plagioclase", "feldspar"):
        return _fractions(apfu, ["Ca", "Na", "K"], ["An", "Ab", "Or"])
    if mineral == "pyroxene":
        fe = fe2 + g("Fe3") + g("Mn")
        total = g("Ca") + g("Mg") + fe
        with np.errstate(divide="ignore", invalid="ignore"):
            return {"Wo": g("Ca") / total, "En": g("Mg") / total, "Fs": fe / total,
                    "XMg": xmg, "Jd": g("Na") / (g("Na") + g("Ca"))}
    if mineral == "olivine":
        return {"Fo": xmg, "Fa": 1 - xmg}
    if mineral in ("biotite", "white mica", "chlorite"):
        tet = {"biotite": 4.0, "white mica": 4.0, "chlorite": 4.0}[mineral]
        al_iv = np.clip(tet - g("Si"), 0, None)
        out = {"XMg": xmg, "AlIV": al_iv, "AlVI": g("Al") - al_iv}
        if mineral == "white mica":
            with np.errstate(divide="ignore", invalid="ignore"):
                out["XNa"] = g("Na") / (g("Na") + g("K"))
        return out
    if mineral in ("spinel", "amphibole"):
        return {"XMg": xmg}
    raise InputError(f"Unknown mineral {mineral!r}; use one of {', '.join(MINERALS)}.")


def mineral_maps(wt, mineral, ferric=False, oxygens=None, mask=None):
    """apfu and end-member maps: {name: array}. mask: True where the mineral is."""
    if mineral not in MINERALS:
        raise InputError(f"Unknown mineral {mineral!r}; use one of {', '.join(MINERALS)}.")
    basis, cations = MINERALS[mineral]
    if ferric and cations is None:
        raise InputError(f"Fe3+ by charge balance needs a fixed cation total; {mineral} "
                         "has none (vacancies or OH). Untick Fe3+.")
    apfu = formula(wt, oxygens or basis, cations if ferric else None)
    out = dict(apfu)
    out["Sum"] = sum(apfu.values())
    out.update(end_members(mineral, apfu))
    if mask is not None:
        for v in out.values():
            v[~mask] = np.nan
    return out


def read_oxide_maps(folder):
    """{oxide: float64 array, NaN where nodata} of the OXIDE.tif rasters of a folder
    (the output of 'Quantify EPMA maps'); empty when it holds none."""
    import os
    from ..profile import folder_rasters
    from ..raster import read_array
    files = {os.path.splitext(os.path.basename(p))[0]: p for p in folder_rasters(folder)}
    return {k: read_array(p)[0].astype(np.float64) for k, p in files.items() if k in OXIDES}


def formula_folder(folder, out_folder, mineral, ferric=False, oxygens=None,
                   phase_folder=None, phase=None, progress=None, cancelled=None):
    """mineralformula: oxide rasters of a folder (OXIDE.tif) -> apfu/end-member rasters."""
    import os
    from ..raster import write_array
    from .phases import read_phases
    wt = read_oxide_maps(folder)
    if not wt:
        raise InputError(f"{folder} holds no oxide rasters (SiO2.tif, Al2O3.tif, ...); "
                         "give the output folder of 'Quantify EPMA maps'.")
    shapes = {v.shape for v in wt.values()}
    if len(shapes) > 1:
        raise InputError(f"The oxide rasters have different sizes: {sorted(shapes)}.")
    mask = None
    if phase_folder:
        phases, labels, _ = read_phases(phase_folder, next(iter(shapes)))
        if phase not in phases:
            raise InputError(f"Phase {phase!r} is not one of {', '.join(phases)}.")
        mask = labels == phases.index(phase)
    maps = mineral_maps(wt, mineral, ferric, oxygens, mask)
    os.makedirs(out_folder, exist_ok=True)
    paths = {}
    for name, array in maps.items():
        paths[name] = os.path.join(out_folder, f"{mineral.replace(' ', '_')}_{name}.tif")
        write_array(paths[name], array, None, "", description=f"{mineral} {name}")
    return sorted(wt), paths, maps
