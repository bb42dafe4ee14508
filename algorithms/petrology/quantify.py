"""Quantitative EPMA maps from X-ray maps and spot analyses (the qntmap method).

Yasumoto A., Yoshida K., Kuwatani T., Nishizawa D., Kayama M., Uesugi M., Ikeda Y.,
Tsuchiyama A. (2018) A rapid and precise quantitative electron probe chemical mapping
technique and its application to an ultrahigh-pressure eclogite from the Moldanubian
Zone of the Bohemian Massif. American Mineralogist 103:1690-1698.

For oxide i and phase c, with map counts I and phase memberships m_c:

    w_i = max(0, sum_c m_c alpha_ic (beta_i I_i - gamma_ic))

- beta_i converts map counts into the spot peak intensity [cps/uA]: a least-squares line
  through the origin of spot peak intensity on the map intensity under the spot (both
  cps/uA), over the spots whose pixel is classified as their own phase (qntmap 1.0.2
  weights by the memberships summed over phases, which is 1), divided by dwell [s] x
  map current [uA].
  Spots whose peak AND map intensities both fall outside the 99% Poisson prediction
  interval of a median (quantile) regression, for any element, are rejected first.
- alpha_ic: least squares through the origin of wt% on net intensity over the spots of
  phase c; gamma_ic the mean background intensity of those spots. A phase whose fit is
  undetermined (one spot, or no net signal) takes alpha pooled over all spots of the
  element; a phase with no spots takes the pooled alpha and gamma.
- Standard errors combine the fit variances as qntmap 1.0.2 does (its alpha/beta "se"
  are the fit variances; terms add in quadrature).

What qntmap 1.0.2 does wrong and this module does not reproduce: `find_XAG` pairs the
background terms with the membership columns by position, so when an element is absent
from some phases a pixel can get another phase's gamma. Here every term is paired with
its phase by name.
"""
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from .epma import map_counts_at_spots

PERCENTILE = 0.99


# -- spot intensities and their Poisson intervals --------------------------------------
def spot_table(spots, maps):
    """Per oxide: the arrays qntmap works with (intensities in cps/uA)."""
    table = {}
    beam_ua = spots.beam_a * 1e6
    for ox, el in zip(spots.oxides, spots.elements):
        counts = map_counts_at_spots(spots, maps, el)
        table[ox] = {
            "element": el, "wt": spots.wt[ox], "net": np.maximum(spots.net[ox], 0.0),
            "pkint": spots.pkint[ox], "bgint": spots.background(ox), "map": counts,
            "mapint": counts / maps.dwell_s / maps.current_ua,
            "pk_offset": spots.peak_s[ox] * beam_ua,
            "map_offset": np.full(len(spots), maps.dwell_s * maps.current_ua),
        }
    return table


def poisson_interval(value, offset, conf=0.95):
    """Exact Poisson interval of an intensity measured as round(value * offset) counts."""
    from scipy.stats import gamma
    lo, hi = (1 - conf) / 2, 1 - (1 - conf) / 2
    n = np.round(value * offset)
    with np.errstate(invalid="ignore"):
        low = np.where(n > 0, gamma.ppf(lo, np.where(n > 0, n, 1)), 0.0)
        high = gamma.ppf(hi, n + 1)
    low = np.where(np.isnan(n), np.nan, low)
    return low / offset, high / offset


def nbinom_quantile(p, size):
    """R's qnbinom(p, size, prob = 0.5); size 0 gives 0."""
    from scipy.stats import nbinom
    size = np.asarray(size, dtype=float)
    with np.errstate(invalid="ignore"):
        q = nbinom.ppf(p, np.where(size > 0, size, 1.0), 0.5)
    return np.where(size > 0, q, np.where(np.isnan(size), np.nan, 0.0))


def median_slope(x, y):
    """Median (tau = 0.5) regression through the origin, y ~ 0 + x.

    Minimises sum |y - b x|: the weighted median of y/x with weights |x|."""
    ok = np.isfinite(x) & np.isfinite(y) & (x != 0)
    if not ok.any():
        return np.nan
    ratio, weight = y[ok] / x[ok], np.abs(x[ok])
    order = np.argsort(ratio, kind="stable")
    cum = np.cumsum(weight[order])
    return ratio[order][np.searchsorted(cum, 0.5 * cum[-1])]


def find_outliers(table, usable):
    """Spots whose peak and map intensities disagree beyond Poisson noise (any element).

    `usable`: spots with a map value (on the map). Returns a boolean per spot.
    """
    lo, hi = (1 - PERCENTILE) / 2, 1 - (1 - PERCENTILE) / 2
    outlier = np.zeros(len(usable), bool)
    for t in table.values():
        mapint = np.where(usable, t["mapint"], np.nan)
        pk, mp = t["pkint"], mapint
        pk_l, pk_h = poisson_interval(pk, t["pk_offset"])
        mp_l, mp_h = poisson_interval(mp, t["map_offset"])
        beta = median_slope(mp, pk)
        tp, tm = t["pk_offset"], t["map_offset"]     # expected counts per cps/uA
        pk_h_est = nbinom_quantile(hi, mp_h * beta * tp) / tp
        pk_l_est = nbinom_quantile(lo, mp_l * beta * tp) / tp
        mp_l_est = nbinom_quantile(hi, pk_h / beta * tm) / tm
        mp_h_est = nbinom_quantile(lo, pk_l / beta * tm) / tm
        with np.errstate(invalid="ignore"):
            bad = (((pk_h < pk_l_est) | (pk_h_est < pk_l))
                   & ((mp_h < mp_l_est) | (mp_h_est < mp_l)))
        outlier |= bad & usable
    return outlier


# -- fits -------------------------------------------------------------------------------
def origin_fit(x, y, w=None):
    """Weighted least squares y = b x: (b, var(b)); NaN when undetermined (as R's lm)."""
    if w is None:
        w = np.ones_like(x)
    keep = np.isfinite(x) & np.isfinite(y) & np.isfinite(w) & (w != 0)
    x, y, w = x[keep], y[keep], w[keep]
    sxx = np.sum(w * x * x)
    if len(x) == 0 or sxx == 0:
        return np.nan, np.nan
    b = np.sum(w * x * y) / sxx
    dof = len(x) - 1
    var = np.sum(w * (y - b * x) ** 2) / dof / sxx if dof > 0 else np.nan
    return b, var


@dataclass
class Parameters:
    """alpha, beta, gamma (and their qntmap-style errors) per oxide and phase."""
    oxides: list
    elements: list
    phases: list
    alpha: dict         # (oxide, phase) -> value
    alpha_var: dict
    gamma: dict
    gamma_se: dict
    beta: dict          # oxide -> value
    beta_var: dict
    pooled: dict        # (oxide, phase) -> "" | "alpha" | "alpha+gamma"
    n_spots: dict       # (oxide, phase) -> spots used for alpha
    n_beta: dict        # oxide -> spots used for beta
    rejected: list      # ids of spots rejected as outliers for beta

    def rows(self):
        """One row per oxide and phase: oxide, element, phase, alpha, beta, gamma, note."""
        for ox, el in zip(self.oxides, self.elements):
            for ph in self.phases:
                yield (ox, el, ph, self.alpha[ox, ph], self.beta[ox], self.gamma[ox, ph],
                       self.n_spots[ox, ph], self.pooled[ox, ph])


def fit_parameters(spots, maps, membership, phases, progress=None):
    """alpha, beta, gamma from the spots (see module doc).

    membership: (n_phases, rows, cols) soft memberships in the order of `phases`.
    """
    missing = [el for el in spots.elements if el not in maps.counts]
    if missing:
        raise InputError(f"The spots analysed {', '.join(missing)}, which has no map; "
                         "add the map or drop the element from the analyses.")
    if not set(spots.phase) & set(phases):
        raise InputError(f"No spot phase ({', '.join(sorted(set(spots.phase)))}) is one of "
                         f"the classified phases ({', '.join(phases)}); name the phases "
                         "as the spots do (classify from spots or from named polygons).")
    table = spot_table(spots, maps)
    usable = spots.inside.copy()
    if not usable.any():
        raise InputError("No spot analysis lies within the mapped area; check the stage "
                         "coordinates, map start and step size.")
    rejected = find_outliers(table, usable)
    # weight of each spot in the beta fit: 1 where its pixel is classified as its phase
    # (qntmap 1.0.2 weights by the memberships summed over phases, which is 1, and
    # zeroes spots classified as another phase), 0 otherwise or off the map.
    index = {p: i for i, p in enumerate(phases)}
    mem = np.zeros(len(spots))
    inside = np.flatnonzero(usable)
    label = np.argmax(membership[:, spots.row[inside], spots.col[inside]], axis=0)
    mem[inside] = np.array([index.get(spots.phase[i], -1) for i in inside]) == label

    p = Parameters(list(spots.oxides), list(spots.elements), list(phases), {}, {}, {}, {},
                   {}, {}, {}, {}, {}, [int(i) for i in spots.ids[rejected]])
    k = maps.dwell_s * maps.current_a * 1e6
    for ox, t in table.items():
        use = usable & ~rejected & np.isfinite(t["pkint"] * t["mapint"])
        b, bvar = origin_fit(t["mapint"][use], t["pkint"][use], mem[use])
        if not np.isfinite(b + bvar):
            raise InputError(f"beta of {ox} cannot be fitted: no spot of a classified "
                             "phase (membership > 0.9) has both map and peak intensities.")
        p.beta[ox], p.beta_var[ox], p.n_beta[ox] = b / k, bvar / k, int(np.sum(mem[use] > 0))
        a_all, avar_all = origin_fit(t["net"], t["wt"])
        g_all = np.mean(t["bgint"])
        g_all_se = np.std(t["bgint"], ddof=1) / (len(t["bgint"]) - 1) if len(t["bgint"]) > 1 else np.nan
        for ph in phases:
            sel = spots.phase == ph
            p.n_spots[ox, ph] = int(sel.sum())
            if not sel.any():
                p.alpha[ox, ph], p.alpha_var[ox, ph] = a_all, avar_all
                p.gamma[ox, ph], p.gamma_se[ox, ph] = g_all, g_all_se
                p.pooled[ox, ph] = "alpha+gamma"
                continue
            a, avar = origin_fit(t["net"][sel], t["wt"][sel])
            bg = t["bgint"][sel]
            p.gamma[ox, ph] = np.mean(bg)
            p.gamma_se[ox, ph] = np.std(bg, ddof=1) / (len(bg) - 1) if len(bg) > 1 else np.nan
            if np.isfinite(a * avar):
                p.alpha[ox, ph], p.alpha_var[ox, ph], p.pooled[ox, ph] = a, avar, ""
            else:
                p.alpha[ox, ph], p.alpha_var[ox, ph], p.pooled[ox, ph] = a_all, avar_all, "alpha"
        if not np.isfinite(a_all):
            raise InputError(f"alpha of {ox} cannot be fitted: its net intensities are all "
                             "zero or missing in the spot analyses.")
    return p


# -- maps -------------------------------------------------------------------------------
def quantify(maps, params, membership, window=None, se=True):
    """wt% maps per oxide, Total, and standard errors, on a window (rows slice) or all.

    Returns dict name -> float64 array; names are the oxides, 'Total', and '<name>_se'.
    """
    rows = slice(None) if window is None else window
    m = membership[:, rows]
    out, se_sq_total = {}, None
    for ox, el in zip(params.oxides, params.elements):
        counts = maps.counts[el][rows]
        b, bvar = params.beta[ox], params.beta_var[ox]
        xab = np.zeros(counts.shape)
        xag = np.zeros(counts.shape)
        xab_se2 = np.zeros(counts.shape)
        xag_se2 = np.zeros(counts.shape)
        for i, ph in enumerate(params.phases):
            a, avar = params.alpha[ox, ph], params.alpha_var[ox, ph]
            g, gse = params.gamma[ox, ph], params.gamma_se[ox, ph]
            xab += m[i] * (a * b)
            xag += m[i] * (a * g)
            if se:
                xab_se2 += (m[i] * np.hypot(a * bvar, b * avar)) ** 2
                ag_se = np.hypot(a * gse, g * avar)
                if np.isfinite(ag_se):     # qntmap sums these with na.rm = TRUE
                    xag_se2 += (m[i] * ag_se) ** 2
        wt = xab * counts - xag
        out[ox] = np.where(wt > 0, wt, np.where(np.isnan(wt), np.nan, 0.0))
        if se:
            err = np.hypot(np.sqrt(xab_se2) * counts, np.sqrt(xag_se2))
            out[ox + "_se"] = err
            se_sq_total = err ** 2 if se_sq_total is None else se_sq_total + err ** 2
    out["Total"] = sum(out[ox] for ox in params.oxides)
    if se:
        out["Total_se"] = np.sqrt(se_sq_total)
    return out


def mean_compositions(wt_maps, oxides, regions, density=None):
    """Mean wt% per region (density-weighted when a density map is given).

    regions: int array, 0 = outside any region, k > 0 = region k.
    Returns {k: {oxide: mean, ..., 'Total': ..., 'pixels': n}}.
    """
    result = {}
    names = list(oxides) + ["Total"]
    for k in np.unique(regions):
        if k <= 0:
            continue
        sel = regions == k
        weight = np.ones(sel.sum()) if density is None else density[sel]
        ok = np.isfinite(weight)
        for name in names:
            ok &= np.isfinite(wt_maps[name][sel])
        w = weight[ok]
        row = {"pixels": int(ok.sum())}
        for name in names:
            v = wt_maps[name][sel][ok]
            row[name] = float(np.sum(w * v) / np.sum(w)) if w.sum() > 0 else float("nan")
        result[int(k)] = row
    return result


def parse_densities(text, phases):
    """'Ol=3.3, Qtz=2.65' -> {phase: density}; every phase needs one (or none given)."""
    if not text or not text.strip():
        return None
    out = {}
    for item in text.replace(";", ",").split(","):
        if not item.strip():
            continue
        name, _, value = item.partition("=")
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise InputError(f"Densities: cannot read {item.strip()!r}; write PHASE=g/cm3, "
                             "e.g. 'Ol=3.32, Qtz=2.65'.") from None
    missing = [p for p in phases if p not in out]
    if missing:
        raise InputError(f"Densities: no value for {', '.join(missing)}.")
    return out


def quantify_to_folder(maps, spots, phases, membership, folder, regions=None,
                       region_names=None, densities=None, se=True, progress=None,
                       cancelled=None):
    """Fit, quantify and write <oxide>.tif, Total.tif, *_se.tif, parameters.csv and
    (with regions) bulk.csv. Returns (Parameters, {name: path}, bulk rows)."""
    import os
    from ..errors import Cancelled
    from ..raster import write_array
    if spots is None or len(spots) == 0:
        raise InputError("Quantification needs spot analyses (the .qnt folder).")
    if membership.shape[1:] != maps.shape:
        raise InputError(f"The phase maps are {membership.shape[1]}x{membership.shape[2]}"
                         f" but the element maps {maps.shape[0]}x{maps.shape[1]}.")
    unknown = sorted(set(spots.phase) - set(phases))
    params = fit_parameters(spots, maps, membership, phases)
    if progress:
        progress(0.3)
    if cancelled and cancelled():
        raise Cancelled()
    wt = quantify(maps, params, membership, se=se)
    if regions is not None:
        outside = regions <= 0
        for array in wt.values():
            array[outside] = np.nan
    os.makedirs(folder, exist_ok=True)
    paths = {}
    for name, array in wt.items():
        paths[name] = os.path.join(folder, f"{name}.tif")
        unit = "wt% (1 s.e.)" if name.endswith("_se") else "wt%"
        write_array(paths[name], array, None, "", description=f"{name} {unit}")
    paths["parameters"] = os.path.join(folder, "parameters.csv")
    with open(paths["parameters"], "w", encoding="utf-8") as handle:
        handle.write("oxide,element,phase,alpha,beta,gamma,spots,pooled\n")
        for ox, el, ph, a, b, g, n, pooled in params.rows():
            handle.write(f"{ox},{el},{ph},{a:.10g},{b:.10g},{g:.10g},{n},{pooled}\n")
    bulk = []
    if regions is not None:
        density = None
        if densities:
            density = sum(membership[i] * densities[ph] for i, ph in enumerate(phases))
        means = mean_compositions(wt, params.oxides, regions, density)
        paths["bulk"] = os.path.join(folder, "bulk.csv")
        names = region_names or {}
        with open(paths["bulk"], "w", encoding="utf-8") as handle:
            handle.write("region,name,pixels," + ",".join(params.oxides) + ",Total\n")
            for k, row in means.items():
                values = ",".join(f"{row[n]:.4f}" for n in params.oxides + ["Total"])
                handle.write(f"{k},{names.get(k, '')},{row['pixels']},{values}\n")
                bulk.append((k, names.get(k, ""), row))
    if progress:
        progress(1.0)
    params.unknown_phases = unknown
    return params, paths, bulk


def quantify_mapset(source, folder, phases_folder=None, mask=None, mask_field=None,
                    densities=None, se=True, qnt=None, progress=None, cancelled=None):
    """epmaquantify: load a map set, take (or compute, qntmap's way) the phases, and
    quantify. Returns (Parameters, {name: path}, bulk rows, phase names)."""
    from .epma import load, polygon_regions
    from .phases import classify, read_phases
    maps, spots, _ = load(source, qnt)
    if spots is None:
        raise InputError("Quantification needs spot analyses: import the map set with "
                         "its .qnt folder.")
    if phases_folder:
        phases, _, membership = read_phases(phases_folder, maps.shape)
    else:
        result = classify(maps, spots, "spots")
        phases, membership = result.phases, result.membership
    regions = names = None
    if mask:
        regions, names = polygon_regions(mask, maps.shape, mask_field)
    dens = parse_densities(densities, phases)
    params, paths, bulk = quantify_to_folder(maps, spots, phases, membership, folder,
                                             regions, names, dens, se, progress, cancelled)
    return params, paths, bulk, phases
