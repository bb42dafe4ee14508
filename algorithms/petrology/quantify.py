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


# -- standardisation from wt% spots (XMapTools' internal standards) --------------------
MIN_SPOTS = 3          # spots a phase needs for its own line (slope and background)
REJECT_K = 3.0         # robust rejection: |residual| > REJECT_K x 1.4826 MAD
MIN_T = 2.0            # a phase's own slope must be this many standard errors from 0
DENOISE_MODES = ("poisson", "mean3", "none")


def has_intensities(spots):
    """Whether the spots carry peak/net intensities (JEOL) or wt% only (XMapTools)."""
    return any(np.isfinite(spots.net[ox]).any() for ox in spots.oxides)


def _line(x, y):
    """Least squares y = a x + b: (a, b, n, x mean, Sxx, residual variance)."""
    n = len(x)
    xm, ym = float(np.mean(x)), float(np.mean(y))
    sxx = float(np.sum((x - xm) ** 2))
    a = float(np.sum((x - xm) * (y - ym)) / sxx) if sxx > 0 else np.nan
    b = ym - a * xm
    s2 = float(np.sum((y - a * x - b) ** 2) / (n - 2)) if n > 2 and np.isfinite(a) else np.nan
    return a, b, n, xm, sxx, s2


def robust_line(x, y):
    """Line with iterative rejection of spots beyond REJECT_K robust sigmas.

    Returns (a, b, n, xm, sxx, s2, kept mask)."""
    keep = np.isfinite(x) & np.isfinite(y)
    for _ in range(10):
        if keep.sum() < MIN_SPOTS:
            break
        a, b, *_ = _line(x[keep], y[keep])
        if not np.isfinite(a):
            break
        r = y - a * x - b
        mad = 1.4826 * np.median(np.abs(r[keep] - np.median(r[keep])))
        scale = max(mad, 1e-9 + 1e-3 * np.median(np.abs(y[keep])))
        new = np.isfinite(x) & np.isfinite(y) & (np.abs(r) <= REJECT_K * scale)
        if new.sum() < MIN_SPOTS or (new == keep).all():
            break
        keep = new
    return (*_line(x[keep], y[keep]), keep) if keep.any() else (
        np.nan, np.nan, 0, np.nan, 0.0, np.nan, keep)


@dataclass
class LineFit:
    """wt% = a (I - g) for one oxide and phase, with what its prediction variance needs."""
    a: float
    g: float
    n: int
    xm: float
    var_a: float
    var_level: float
    pooled: str

    def predict(self, counts):
        return self.a * (counts - self.g)

    def variance(self, counts):
        """Variance of the fitted line at these counts (calibration error only)."""
        return self.var_level + (counts - self.xm) ** 2 * self.var_a


def spot_phases(spots, membership, phases):
    """The phase of every spot: the class of its pixel (argmax membership); '' off map."""
    labels = np.argmax(membership, axis=0)
    out = np.array([""] * len(spots), dtype=object)
    inside = spots.inside
    out[inside] = [phases[k] for k in labels[spots.row[inside], spots.col[inside]]]
    return out


def fit_wt_lines(x_by_oxide, wt_by_oxide, phase, phases):
    """Per oxide and phase: a line of wt% on map counts with a background term.

    x_by_oxide: oxide -> counts under each spot (NaN off map); phase: each spot's phase.
    A phase with MIN_SPOTS or more spots whose slope is determined (|a| > MIN_T se, a > 0)
    gets its own line; one with fewer, or an undetermined slope, takes the slope pooled
    over all phases (a common slope with one level per phase) and its own background
    ("alpha" pooled, as the JEOL path); a phase without spots takes the pooled line
    ("alpha+gamma"). Outliers are rejected robustly, within each phase and in the pool.
    Returns ({(oxide, phase): LineFit}, {oxide: rejected spot indices}).
    """
    fits, rejected = {}, {}
    for ox, x in x_by_oxide.items():
        y = wt_by_oxide[ox]
        ok = np.isfinite(x) & np.isfinite(y)
        keep = ok.copy()
        own = {}
        for ph in phases:
            sel = ok & (phase == ph)
            if sel.sum() >= MIN_SPOTS:
                a, b, n, xm, sxx, s2, kept = robust_line(x[sel], y[sel])
                idx = np.flatnonzero(sel)
                keep[idx[~kept]] = False
                if np.isfinite(a) and np.isfinite(s2) and sxx > 0:
                    var_a = s2 / sxx
                    if a > 0 and a > MIN_T * np.sqrt(var_a):
                        own[ph] = LineFit(a, -b / a, n, xm, var_a, s2 / n, "")
        # pooled common slope (within-phase centred), over the kept spots
        xs, ys = [], []
        for ph in phases:
            sel = keep & (phase == ph)
            if sel.sum() >= 2:
                xs.append(x[sel] - x[sel].mean())
                ys.append(y[sel] - y[sel].mean())
        a_pool = s2_pool = var_pool = np.nan
        if xs and np.sum(np.concatenate(xs) ** 2) > 0:
            cx, cy = np.concatenate(xs), np.concatenate(ys)
            a_pool = float(np.sum(cx * cy) / np.sum(cx * cx))
            dof = max(len(cx) - len(xs) - 1, 1)
            s2_pool = float(np.sum((cy - a_pool * cx) ** 2) / dof)
            var_pool = s2_pool / float(np.sum(cx * cx))
        if not (np.isfinite(a_pool) and a_pool > MIN_T * np.sqrt(var_pool)):
            # the phases' own ranges do not determine a slope (a homogeneous phase, an
            # element absent from most phases): one line through all kept spots, whose
            # slope the differences between phases determine
            a_pool, _, n_all, _, sxx_all, s2_all = _line(x[keep], y[keep])
            if not (np.isfinite(a_pool) and a_pool > 0):
                raise InputError(f"{ox}: the spot wt% do not rise with the map counts under "
                                 "the spots (no positive slope can be fitted); check that "
                                 "the spots sit on the map (Standards.txt frame) and that "
                                 "the oxide matches its map.")
            s2_pool = s2_all
            var_pool = s2_all / sxx_all
        all_x, all_y = x[keep], y[keep]
        g_all = float(np.mean(all_x - all_y / a_pool))
        for ph in phases:
            if ph in own:
                fits[ox, ph] = own[ph]
                continue
            sel = keep & (phase == ph)
            if sel.any():
                g = float(np.mean(x[sel] - y[sel] / a_pool))
                s2 = s2_pool if np.isfinite(s2_pool) else float(np.var(y[sel]))
                fits[ox, ph] = LineFit(a_pool, g, int(sel.sum()), float(x[sel].mean()),
                                       var_pool, s2 / sel.sum(), "alpha")
            else:
                fits[ox, ph] = LineFit(a_pool, g_all, 0, float(all_x.mean()), var_pool,
                                       s2_pool / max(len(all_x), 1), "alpha+gamma")
        rejected[ox] = np.flatnonzero(ok & ~keep)
    return fits, rejected


def wt_parameters(fits, oxides, elements, phases, phase, rejected, spot_ids):
    """The LineFits as a Parameters table (alpha = slope per count, beta = 1, gamma =
    background counts) for parameters.csv and the log."""
    p = Parameters(list(oxides), list(elements), list(phases), {}, {}, {}, {}, {}, {}, {},
                   {}, {}, sorted({int(spot_ids[i]) for r in rejected.values() for i in r}))
    for ox in oxides:
        p.beta[ox], p.beta_var[ox] = 1.0, 0.0
        p.n_beta[ox] = int(np.sum(phase != ""))
        for ph in phases:
            f = fits[ox, ph]
            p.alpha[ox, ph], p.alpha_var[ox, ph] = f.a, f.var_a
            p.gamma[ox, ph], p.gamma_se[ox, ph] = f.g, np.nan
            p.n_spots[ox, ph], p.pooled[ox, ph] = f.n, f.pooled
    p.fits = fits
    return p


def quantify_lines(fits, oxides, elements, phases, counts, counts_se, membership):
    """wt% maps sum_c m_c a_c (I - g_c), Total, and standard errors.

    counts: element -> (H, W) intensity used (raw, 3x3 mean or denoised); counts_se: its
    standard error. s.e.^2 = sum_c m_c^2 var_line_c(I) + (sum_c m_c a_c)^2 se(I)^2.
    """
    out, total_var = {}, None
    for ox, el in zip(oxides, elements):
        u, use = counts[el], counts_se[el]
        wt = np.zeros(u.shape)
        var_line = np.zeros(u.shape)
        slope = np.zeros(u.shape)
        for i, ph in enumerate(phases):
            f = fits[ox, ph]
            wt += membership[i] * f.predict(u)
            var_line += membership[i] ** 2 * f.variance(u)
            slope += membership[i] * f.a
        out[ox] = np.maximum(wt, 0.0)
        err = np.sqrt(var_line + (slope * use) ** 2)
        out[ox + "_se"] = err
        total_var = err ** 2 if total_var is None else total_var + err ** 2
    out["Total"] = sum(out[ox] for ox in oxides)
    out["Total_se"] = np.sqrt(total_var)
    return out


def prepare_counts(maps, membership, elements, denoise="poisson"):
    """The intensity each wt%-spot calibration uses: {el: (counts, se)} and widths."""
    from . import countdenoise
    from ..errors import check_choice
    check_choice("DENOISE", denoise, DENOISE_MODES)
    out, widths = {}, {}
    for el in elements:
        f = maps.counts[el]
        if denoise == "poisson":
            u, se, w = countdenoise.denoise_counts(f, membership)
            widths[el] = w
        elif denoise == "mean3":
            u, se = countdenoise.mean3(f)
        else:
            u, se = f, np.sqrt(np.maximum(f, 0.0))
        out[el] = (u, se)
    return out, widths


def values_at_spots(array, spots):
    out = np.full(len(spots), np.nan)
    inside = spots.inside
    out[inside] = array[spots.row[inside], spots.col[inside]]
    return out


def calibrate_wt_spots(maps, spots, membership, phases, denoise="poisson"):
    """The whole wt%-spot path: (Parameters, wt maps dict, prepared counts, widths)."""
    missing = [el for el in spots.elements if el not in maps.counts]
    if missing:
        raise InputError(f"The spots analysed {', '.join(missing)}, which has no map; "
                         "add the map or drop the element from the analyses.")
    if not spots.inside.any():
        raise InputError("No spot analysis lies within the mapped area; check the stage "
                         "coordinates and the map frame.")
    counts, widths = prepare_counts(maps, membership, sorted(set(spots.elements)), denoise)
    phase = spot_phases(spots, membership, phases)
    spots.phase = phase
    x = {ox: values_at_spots(counts[el][0], spots) for ox, el in zip(spots.oxides,
                                                                        spots.elements)}
    fits, rejected = fit_wt_lines(x, spots.wt, phase, phases)
    params = wt_parameters(fits, spots.oxides, spots.elements, phases, phase, rejected,
                           spots.ids)
    wt = quantify_lines(fits, spots.oxides, spots.elements, phases,
                        {el: c[0] for el, c in counts.items()},
                        {el: c[1] for el, c in counts.items()}, membership)
    return params, wt, counts, widths


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
                       cancelled=None, denoise="poisson"):
    """Fit, quantify and write <oxide>.tif, Total.tif, *_se.tif, parameters.csv and
    (with regions) bulk.csv. Returns (Parameters, {name: path}, bulk rows).

    Spots with intensities (JEOL) take the qntmap calibration; spots with wt% only
    (XMapTools) the wt%-spot standardisation on the `denoise`d counts ("poisson",
    "mean3" or "none"), which also writes counts_<El>.tif and counts_<El>_se.tif."""
    import os
    from ..errors import Cancelled
    from ..raster import write_array
    if spots is None or len(spots) == 0:
        raise InputError("Quantification needs spot analyses (the .qnt folder).")
    if membership.shape[1:] != maps.shape:
        raise InputError(f"The phase maps are {membership.shape[1]}x{membership.shape[2]}"
                         f" but the element maps {maps.shape[0]}x{maps.shape[1]}.")
    counts = {}
    if has_intensities(spots):
        unknown = sorted(set(spots.phase) - set(phases))
        params = fit_parameters(spots, maps, membership, phases)
        params.mode = "intensities"
        if progress:
            progress(0.3)
        if cancelled and cancelled():
            raise Cancelled()
        wt = quantify(maps, params, membership, se=se)
    else:
        unknown = []
        params, wt, counts, widths = calibrate_wt_spots(maps, spots, membership, phases,
                                                        denoise)
        params.mode, params.denoise, params.widths = "wt-spots", denoise, widths
        if not se:
            wt = {k: v for k, v in wt.items() if not k.endswith("_se")}
        if denoise == "none":
            counts = {}
        if cancelled and cancelled():
            raise Cancelled()
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
    for el, (u, use) in counts.items():
        for name, array, what in ((f"counts_{el}", u, "counts"),
                                  (f"counts_{el}_se", use, "counts (1 s.e.)")):
            paths[name] = os.path.join(folder, f"{name}.tif")
            write_array(paths[name], array, None, "",
                        description=f"{el} {denoise}-denoised {what}")
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
                    densities=None, se=True, qnt=None, progress=None, cancelled=None,
                    denoise="poisson"):
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
    if not (densities and densities.strip()) and getattr(maps, "classification", None):
        known = maps.classification.get("densities") or {}
        if known and all(p in known for p in phases):    # Classification.txt's densities
            densities = ", ".join(f"{p}={known[p]}" for p in phases)
    dens = parse_densities(densities, phases)
    params, paths, bulk = quantify_to_folder(maps, spots, phases, membership, folder,
                                             regions, names, dens, se, progress, cancelled,
                                             denoise)
    return params, paths, bulk, phases


def left_out_errors(maps, spots, membership, phases, denoise="poisson", prepared=None):
    """Leave-one-out test of the wt%-spot calibration: each spot in turn is left out of
    the fit and predicted from the map at its pixel.  Returns {oxide: errors} (map minus
    spot, NaN for spots off the map)."""
    counts = prepared or prepare_counts(maps, membership, sorted(set(spots.elements)),
                                        denoise)[0]
    phase = spot_phases(spots, membership, phases)
    x = {ox: values_at_spots(counts[el][0], spots)
         for ox, el in zip(spots.oxides, spots.elements)}
    errors = {ox: np.full(len(spots), np.nan) for ox in spots.oxides}
    for i in np.flatnonzero(spots.inside):
        keep = np.arange(len(spots)) != i
        fits, _ = fit_wt_lines({o: v[keep] for o, v in x.items()},
                               {o: v[keep] for o, v in spots.wt.items()}, phase[keep], phases)
        m = membership[:, spots.row[i], spots.col[i]]
        for ox in spots.oxides:
            pred = sum(m[c] * fits[ox, p].predict(x[ox][i]) for c, p in enumerate(phases))
            errors[ox][i] = max(pred, 0.0) - spots.wt[ox][i]
    return errors
