"""Phase classification of EPMA X-ray maps: Poisson LDA (qntmap) and Gaussian mixtures.

Supervised, as qntmap does it (Yasumoto et al. 2018, Am. Mineral. 103:1690):
1. initial centres: per phase and element, the median map counts under the phase's spot
   analyses (a spot flagged as an outlier by `quantify.find_outliers` keeps its map
   value; when a phase has fewer than 10 such spots the other spots enter with the
   counts their peak intensity predicts, pkint x dwell x current);
2. every pixel takes the nearest centre (Euclidean distance of counts);
3. Poisson linear discriminant analysis (Witten 2011, Ann. Appl. Stat. 5:2493) trained
   on those labels: counts are power-transformed x^a, a chosen on a grid of 50 values
   in [0.01, 1] so the chi-square goodness of fit of the independence model equals its
   degrees of freedom; class k's per-element factors d_kj = (sum x_ij + 1) /
   (sum n_ij + 1) over its pixels, n the independence model s_i c_j; discriminant
   D_ik = sum_j x_ij log d_kj - sum_j n_ij d_kj + log(1/K); label = argmax, membership
   = softmax of D.
Supervision by user polygons trains step 3 on the pixels inside them instead.

Unsupervised: a Gaussian mixture (scikit-learn) on square-root counts (variance-
stabilised Poisson), memberships = posterior probabilities; labels ordered by the
first element's mean so runs are reproducible.

Unsupervised with space: spatial fuzzy c-means, the GEOFCM of Yoshida, Kuwatani,
Yasumoto et al. (2018, J. Mineral. Petrol. Sci. 113:188), which takes spatial FCM from
image segmentation (Chuang, Tzeng, Chen, Wu & Chen 2006, Comput. Med. Imaging Graph.
30:9): on square-root counts x_j (Poisson noise of equal spread, ~0.5, in every
element), standard FCM memberships u_ij = 1 / sum_k (d_ij / d_kj)^(2/(m-1)) of pixel j to
centre i (m the fuzziness); the spatial function h_ij = sum of u_ik over the pixels k of
the window (neighbourhood) around j; the spatial membership
u'_ij = u_ij^p h_ij^q / sum_k u_kj^p h_kj^q (p = 1, q the spatial weight; q = 0 is plain
FCM); centres v_i = sum_j u'_ij^m x_j / sum_j u'_ij^m.  Started from k-means++ centres
(seeded), iterated until no membership moves by more than 1e-4.  The memberships u' are
the output; labels are ordered by the first element's mean, as for the mixture.

An XMapTools project's spots carry no phase name: "spots" classification then starts
from its Classification.txt training pixels (the 3 x 3 mean counts around each is the
phase's starting centre) and runs the same Poisson LDA.
"""
import numpy as np

from ..errors import InputError, require

N_ALPHAS = 50


def pixel_matrix(maps, elements=None):
    """(pixels, elements) float64 counts, pixels in row-major order."""
    elements = list(elements or maps.elements)
    return np.stack([maps.counts[e].ravel() for e in elements], axis=1), elements


def find_centers(spots, maps, table, outliers, elements):
    """Initial centres (phases sorted by name) as (phases, (K, n_elements) array)."""
    from .epma import map_counts_at_spots
    phases = sorted(set(spots.phase))
    by_element = {t["element"]: t for t in table.values()}
    centers = np.full((len(phases), len(elements)), np.nan)
    scale = maps.dwell_s * maps.current_ua
    for k, ph in enumerate(phases):
        sel = spots.phase == ph
        for j, el in enumerate(elements):
            if el in by_element:
                t = by_element[el]
                kept = outliers[sel]
                if kept.sum() < 10:
                    values = np.where(kept, t["map"][sel], t["pkint"][sel] * scale)
                else:
                    values = t["map"][sel][kept]
            else:   # mapped but not analysed: counts under the phase's spots
                values = map_counts_at_spots(spots, maps, el)[sel]
            values = values[np.isfinite(values)]
            if values.size:
                centers[k, j] = np.median(values)
    if np.isnan(centers).any():
        bad = [phases[k] for k in np.flatnonzero(np.isnan(centers).any(axis=1))]
        raise InputError(f"Phase(s) {', '.join(bad)}: no spot with a usable value for "
                         "every mapped element, so no starting centre.")
    return phases, centers


def nearest_center(x, centers, chunk=262144):
    """Index of the nearest centre (Euclidean) for each row of x."""
    out = np.empty(len(x), dtype=np.int64)
    for s in range(0, len(x), chunk):
        block = x[s:s + chunk]
        d = ((block[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
        out[s:s + chunk] = np.argmin(d, axis=1)
    return out


def _power_sums(x, alphas):
    """Per-alpha column sums c and sum_i y_ij^2 / r_i of y = x^a for a block of pixels."""
    with np.errstate(divide="ignore"):
        logx = np.log(np.ascontiguousarray(x.T))          # (p, block)
    step = np.exp((alphas[1] - alphas[0]) * logx)
    y = np.exp(alphas[0] * logx)
    c = np.empty((len(alphas), x.shape[1]))
    s2 = np.empty((len(alphas), x.shape[1]))
    for i in range(len(alphas)):
        if i:
            y *= step
        r = y.sum(axis=0)
        with np.errstate(divide="ignore"):
            w = np.where(r > 0, 1.0 / r, 0.0)
        c[i] = y.sum(axis=1)
        s2[i] = (y * y) @ w
    return c, s2


def best_power(x, block=65536, threads=1):
    """Witten's power transform: the a whose chi-square fit equals (n-1)(p-1).

    The statistic sum (y - n)^2 / n, n_ij = r_i c_j / T for y = x^a, is evaluated as
    T sum_j (1/c_j) sum_i y_ij^2 / r_i - T on a grid of 50 a in [0.01, 1]; x^a is
    stepped along the grid by one multiplication per step, x^(a+h) = x^a x^h, over
    blocks of pixels summed at the end (in `threads` threads).
    """
    from concurrent.futures import ThreadPoolExecutor
    alphas = np.linspace(0.01, 1.0, N_ALPHAS)
    n, p = x.shape
    target = (n - 1) * (p - 1)
    starts = range(0, n, block)
    with ThreadPoolExecutor(max_workers=threads) as pool:
        parts = list(pool.map(lambda s: _power_sums(x[s:s + block], alphas), starts))
    c = sum(part[0] for part in parts)
    s2 = sum(part[1] for part in parts)
    total = c.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(c > 0, s2 / c, 0.0)
    gof = total * ratio.sum(axis=1) - total
    return alphas[np.argmin(np.abs(gof - target))]


def poisson_lda(x_train, y_train, x_test, n_classes, power=None, progress=None):
    """Witten's Poisson LDA (rho 0, beta 1, MLE normalisation, equal priors).

    Returns (labels, membership (n_test, n_classes), power). Classes absent from
    y_train get membership 0.
    """
    if power is None:
        power = best_power(x_train)
    xt = x_train ** power
    present = np.unique(y_train)
    rowsum = xt.sum(axis=1)
    colsum = xt.sum(axis=0)
    total = rowsum.sum()
    d = np.empty((len(present), xt.shape[1]))
    for k, cls in enumerate(present):
        sel = y_train == cls
        a = xt[sel].sum(axis=0) + 1.0
        b = rowsum[sel].sum() * colsum / total + 1.0
        d[k] = a / b
    xe = xt if x_test is x_train else x_test ** power
    del xt
    size = xe.sum(axis=1) / total
    disc = xe @ np.log(d).T - np.outer(size, d @ colsum) + np.log(1.0 / len(present))
    del xe
    best = np.argmax(disc, axis=1)
    disc -= disc.max(axis=1, keepdims=True)
    np.exp(disc, out=disc)
    disc /= disc.sum(axis=1, keepdims=True)
    membership = np.zeros((len(x_test), n_classes))
    membership[:, present] = disc
    return present[best], membership, power


def classify_qntmap(spots, maps, table, outliers, progress=None):
    """qntmap's supervised classification. Returns a PhaseResult."""
    x, elements = pixel_matrix(maps)
    phases, centers = find_centers(spots, maps, table, outliers, elements)
    start = nearest_center(x, centers)
    if progress:
        progress(0.3)
    labels, membership, power = poisson_lda(x, start, x, len(phases))
    return PhaseResult(phases, labels.reshape(maps.shape),
                       membership.T.reshape((len(phases),) + maps.shape), "poisson-lda",
                       {"power": float(power), "centers": centers, "elements": elements})


def classify_regions(maps, regions, names, progress=None):
    """Poisson LDA trained on user polygons: regions int raster (0 none, k = names[k-1])."""
    x, elements = pixel_matrix(maps)
    flat = regions.ravel()
    train = flat > 0
    if not train.any():
        raise InputError("No pixel lies inside the training polygons; draw them over the map "
                         "(x from 0 to width, y from -height to 0).")
    missing = [names[k] for k in range(len(names)) if not (flat == k + 1).any()]
    if missing:
        raise InputError(f"Training polygons of {', '.join(missing)} cover no pixel.")
    labels, membership, power = poisson_lda(x[train], flat[train] - 1, x, len(names))
    return PhaseResult(list(names), labels.reshape(maps.shape),
                       membership.T.reshape((len(names),) + maps.shape), "poisson-lda-polygons",
                       {"power": float(power), "elements": elements})


def classify_mixture(maps, n_phases, seed=0, sample=200000, progress=None):
    """Unsupervised Gaussian mixture on sqrt(counts); phases named P1..Pn."""
    if n_phases < 2:
        raise InputError("An unsupervised classification needs at least 2 phases.")
    GaussianMixture = require("sklearn.mixture").GaussianMixture
    x, elements = pixel_matrix(maps)
    z = np.sqrt(np.maximum(x, 0))
    rng = np.random.default_rng(seed)
    fit_on = z if len(z) <= sample else z[rng.choice(len(z), sample, replace=False)]
    gm = GaussianMixture(n_phases, covariance_type="full", random_state=seed, n_init=2)
    gm.fit(fit_on)
    order = np.argsort(gm.means_[:, 0])
    prob = gm.predict_proba(z)[:, order]
    labels = np.argmax(prob, axis=1)
    names = [f"P{i + 1}" for i in range(n_phases)]
    return PhaseResult(names, labels.reshape(maps.shape),
                       prob.T.reshape((n_phases,) + maps.shape), "gaussian-mixture",
                       {"elements": elements})


def _kmeanspp(z, k, rng, sample=20000):
    """k-means++ seeding (Arthur & Vassilvitskii 2007) on a sample of the rows of z."""
    pick = z if len(z) <= sample else z[rng.choice(len(z), sample, replace=False)]
    centres = [pick[rng.integers(len(pick))]]
    d2 = np.sum((pick - centres[0]) ** 2, axis=1)
    for _ in range(1, k):
        total = d2.sum()
        idx = rng.choice(len(pick), p=d2 / total) if total > 0 else rng.integers(len(pick))
        centres.append(pick[idx])
        d2 = np.minimum(d2, np.sum((pick - pick[idx]) ** 2, axis=1))
    return np.array(centres)


def fcm_memberships(z, centres, m):
    """Standard FCM memberships (pixels, K) of rows z to the centres."""
    d2 = (np.sum(z * z, axis=1)[:, None] - 2.0 * z @ centres.T
          + np.sum(centres * centres, axis=1)[None, :])
    d2 = np.maximum(d2, 1e-12)
    inv = d2 ** (-1.0 / (m - 1.0))
    return inv / inv.sum(axis=1, keepdims=True)


def spatial_fcm(z, shape, n_phases, m=2.0, spatial=1.0, window=3, p=1.0, seed=0,
                max_iter=200, tol=1e-4, progress=None):
    """Spatial fuzzy c-means (Chuang et al. 2006). Returns (memberships (pixels, K), centres)."""
    from scipy.ndimage import uniform_filter
    rng = np.random.default_rng(seed)
    centres = _kmeanspp(z, n_phases, rng)
    previous = None
    for iteration in range(max_iter):
        u = fcm_memberships(z, centres, m)
        if spatial > 0:
            grid = u.T.reshape((n_phases,) + tuple(shape))
            h = uniform_filter(grid, size=(1, window, window), mode="nearest")
            h = h.reshape(n_phases, -1).T
            u = u ** p * np.maximum(h, 1e-300) ** spatial
            u /= u.sum(axis=1, keepdims=True)
        w = u ** m
        centres = (w.T @ z) / np.maximum(w.sum(axis=0)[:, None], 1e-300)
        if previous is not None and np.max(np.abs(u - previous)) < tol:
            break
        previous = u
        if progress and iteration % 10 == 0:
            progress(min(0.9, iteration / max_iter))
    return u, centres


def classify_sfcm(maps, n_phases, m=2.0, spatial=1.0, window=3, seed=0, progress=None):
    """Unsupervised spatial fuzzy c-means on sqrt(counts); phases named P1..Pn."""
    if n_phases < 2:
        raise InputError("An unsupervised classification needs at least 2 phases.")
    if not m > 1:
        raise InputError(f"The fuzziness m must be greater than 1 (got {m}); 2 is usual.")
    if spatial < 0:
        raise InputError(f"The spatial weight must be 0 or more (got {spatial}).")
    if window < 3 or window % 2 == 0:
        raise InputError(f"The neighbourhood must be an odd window of 3 pixels or more "
                         f"(got {window}).")
    x, elements = pixel_matrix(maps)
    z = np.sqrt(np.maximum(x, 0))
    u, centres = spatial_fcm(z, maps.shape, n_phases, m, spatial, window, seed=seed,
                             progress=progress)
    order = np.argsort(centres[:, 0])
    u = u[:, order]
    labels = np.argmax(u, axis=1)
    names = [f"P{i + 1}" for i in range(n_phases)]
    return PhaseResult(names, labels.reshape(maps.shape),
                       u.T.reshape((n_phases,) + maps.shape), "spatial-fcm",
                       {"elements": elements, "m": m, "spatial": spatial,
                        "window": window})


def classify_seeds(maps, seeds, progress=None):
    """Poisson LDA started from training pixels (XMapTools Classification.txt)."""
    x, elements = pixel_matrix(maps)
    rows, cols = maps.shape
    centers = np.zeros((len(seeds["phases"]), len(elements)))
    for k, (r, c) in enumerate(seeds["pixels"]):
        window = (slice(max(r - 1, 0), r + 2), slice(max(c - 1, 0), c + 2))
        centers[k] = [maps.counts[e][window].mean() for e in elements]
    start = nearest_center(x, centers)
    labels, membership, power = poisson_lda(x, start, x, len(centers))
    phases = list(seeds["phases"])
    return PhaseResult(phases, labels.reshape(maps.shape),
                       membership.T.reshape((len(phases),) + maps.shape),
                       "poisson-lda-seeds", {"power": float(power), "centers": centers,
                                             "elements": elements})


class PhaseResult:
    """Labels (0-based index into phases), soft memberships, modal abundances."""

    def __init__(self, phases, labels, membership, method, info):
        self.phases, self.labels, self.membership = list(phases), labels, membership
        self.method, self.info = method, info

    def modal(self):
        """Rows of (phase, pixels, fraction, mean membership of its pixels)."""
        n = self.labels.size
        rows = []
        for k, ph in enumerate(self.phases):
            sel = self.labels == k
            mean = float(self.membership[k][sel].mean()) if sel.any() else float("nan")
            rows.append((ph, int(sel.sum()), float(sel.sum()) / n, mean))
        return rows


METHODS = ("spots", "polygons", "mixture", "sfcm")


def classify(maps, spots=None, method="spots", regions=None, names=None, n_phases=0,
             progress=None, fcm=None):
    """One entry point for the four methods (see module doc); fcm: dict of m, spatial,
    window for "sfcm"."""
    from .quantify import find_outliers, spot_table
    if method == "spots":
        has_names = spots is not None and any(str(p) for p in spots.phase)
        if not has_names and getattr(maps, "classification", None):
            return classify_seeds(maps, maps.classification, progress)
        if spots is not None and len(spots) and not has_names:
            raise InputError("The spots carry no phase names (an XMapTools project) and "
                             "there is no Classification.txt: classify with polygons, the "
                             "Gaussian mixture or spatial fuzzy c-means instead.")
        if spots is None or len(spots) == 0:
            raise InputError("Classification from spots needs spot analyses with phase "
                             "names; give the point-analysis folder (.qnt).")
        table = spot_table(spots, maps)
        return classify_qntmap(spots, maps, table, find_outliers(table, spots.inside),
                               progress)
    if method == "polygons":
        if regions is None:
            raise InputError("Classification from polygons needs training polygons.")
        return classify_regions(maps, regions, names, progress)
    if method == "mixture":
        return classify_mixture(maps, n_phases, progress=progress)
    if method == "sfcm":
        return classify_sfcm(maps, n_phases, progress=progress, **(fcm or {}))
    raise InputError(f"Unknown classification method {method!r}; use one of {METHODS}.")


def write_phases(result, folder):
    """labels.tif (1-based phase index), membership_<phase>.tif, phases.json, modal.csv."""
    import json
    import os
    from ..raster import write_array
    os.makedirs(folder, exist_ok=True)
    paths = {"labels": os.path.join(folder, "labels.tif")}
    write_array(paths["labels"], result.labels.astype(np.float32) + 1, None, "",
                nodata=0.0, description="phase (1-based index into phases.json)")
    for k, ph in enumerate(result.phases):
        paths[ph] = os.path.join(folder, f"membership_{ph}.tif")
        write_array(paths[ph], result.membership[k], None, "", description=f"membership {ph}")
    paths["modal"] = os.path.join(folder, "modal.csv")
    with open(paths["modal"], "w", encoding="utf-8") as handle:
        handle.write("phase,pixels,fraction,mean_membership\n")
        for ph, n, frac, mem in result.modal():
            handle.write(f"{ph},{n},{frac:.6f},{mem:.6f}\n")
    with open(os.path.join(folder, "phases.json"), "w", encoding="utf-8") as handle:
        json.dump({"phases": result.phases, "method": result.method,
                   "power": result.info.get("power"),
                   **{k: result.info[k] for k in ("m", "spatial", "window")
                      if k in result.info}}, handle, indent=1)
    return paths


def read_phases(folder, shape):
    """A folder written by `write_phases`: (phases, labels, membership)."""
    import json
    import os
    from ..raster import read_array
    path = os.path.join(folder, "phases.json")
    if not os.path.exists(path):
        raise InputError(f"{folder} is not a phase folder (no phases.json); run "
                         "'Classify phases' first.")
    with open(path, encoding="utf-8") as handle:
        phases = json.load(handle)["phases"]
    membership = np.stack([read_array(os.path.join(folder, f"membership_{ph}.tif"))[0]
                           for ph in phases]).astype(np.float64)
    if membership.shape[1:] != tuple(shape):
        raise InputError(f"The phase maps are {membership.shape[1]}x{membership.shape[2]} "
                         f"but the element maps {shape[0]}x{shape[1]}.")
    return phases, np.argmax(membership, axis=0), membership


def classify_to_folder(source, folder, method="spots", polygons=None, field=None,
                       n_phases=0, qnt=None, progress=None, cancelled=None, fcm=None):
    """epmaphases: load a map set, classify, write labels/memberships/modal table."""
    from ..errors import Cancelled
    from .epma import load, polygon_regions
    maps, spots, _ = load(source, qnt)
    regions = names = None
    if method == "polygons":
        if not polygons:
            raise InputError("Classification from polygons needs a polygon layer.")
        regions, numbered = polygon_regions(polygons, maps.shape, field, group=True)
        names = [numbered[k] for k in sorted(numbered)]
    result = classify(maps, spots, method, regions, names, n_phases, progress, fcm)
    if cancelled and cancelled():
        raise Cancelled()
    return result, write_phases(result, folder)
