"""Bayesian denoising of low-count X-ray maps: Poisson likelihood, phase-restricted prior.

A map of counts f (one element) is a Poisson sample of an intensity u.  Inside a phase u
varies smoothly (zoning); across a phase boundary it jumps.  At pixel p the intensity is
taken as locally constant over the pixels q of the same phase, with a Gaussian kernel
G_s(p - q) and the probability w_pq = sum_c m_c(p) m_c(q) that p and q are of the same
phase (m_c the phase memberships) weighting q's evidence: the local likelihood
(Tibshirani & Hastie 1987, J. Am. Stat. Assoc. 82:559)

    L_p(u) = prod_q Poisson(f_q; u) ^ (G_s(p - q) w_pq)

With a Gamma(a0, b0) prior on u (conjugate to the Poisson), the posterior of u_p is
Gamma(a0 + sum_q G w f_q, b0 + sum_q G w); with the vague prior a0 = b0 = 0 its mean is
the phase-restricted normalised convolution (Knutsson & Westin 1993, Proc. CVPR 515)

    u_p = sum_c m_c(p) (G * m_c f)_p / sum_c m_c(p) (G * m_c)_p

so counts never cross a phase boundary (w ~ 0 there) and the smoothing stops at it.
Classifiers leave a few % of membership to other phases even in pure pixels (Poisson
LDA's softmax); a quartz pixel with 2 % phengite membership would borrow 2 % of the
phengite's K counts, so the memberships enter sharpened, m^4 / sum m^4 (0.98 / 0.02
becomes 1 / 2e-7, 0.6 / 0.4 stays graded at 0.84 / 0.16).
The kernel width s is chosen per phase and per element by exact leave-one-out cross-
validation (the estimate is linear in f; the left-out residual is (f_p - u_p) /
(1 - H_pp), H_pp = G(0) m_c(p) / (G * m_c)_p), with Pearson weights 1/u (Poisson
variance, from a pilot estimate of width PILOT), over the phase's pixels more than
EDGE pixels from its boundary (whose mixed pixels would favour narrow kernels): zoned grains keep a narrow kernel, homogeneous phases take a wide one.

A pixel whose counts lie more than GUARD = 4 standard deviations from its estimate,
|f - u| > 4 sqrt(u + se^2), is one the phase model cannot explain (a mixed pixel on a
grain boundary, an inclusion, a misclassified pixel): it keeps its raw counts and their
Poisson error.

Standard error of u_p: the sampling spread of the estimate, sqrt(sum_q H_pq^2 u_q) =
sqrt(sum_c m_c(p) (G^2 * m_c u)_p) / sum_c m_c(p) (G * m_c)_p (w_pq^2 taken as w_pq, exact
for hard memberships, an upper bound otherwise); it is at least the posterior standard
deviation sqrt(a0 + sum G w f) / (b0 + sum G w) of the Gamma posterior under the same
weights.  Neither includes the bias of smoothing a gradient; the left-out-spot benchmark
(docs/epma-xmaptools.md) measures the whole error.
"""
import numpy as np

from ..errors import Cancelled, InputError

WIDTHS = (0.5, 0.7, 1.0, 1.4, 2.0, 2.8, 4.0, 5.6, 8.0)     # kernel sd in pixels
FLOOR = 0.5            # smallest intensity in the Pearson weights (counts)
PILOT = 2.0            # kernel sd of the pilot intensity in those weights
SHARPEN = 4.0          # memberships enter as m^SHARPEN / sum m^SHARPEN
GUARD = 4.0            # counts this many sd from the estimate keep their raw value
SCORE_WINDOW = 256     # the width choice scores at most this window a side
EDGE = 2               # pixels next to a phase boundary left out of the width choice


def _kernel(s):
    """Normalised 1-D Gaussian taps of sd s (a single tap for s = 0)."""
    if s <= 0:
        return np.ones(1)
    half = int(np.ceil(4 * s))
    x = np.arange(-half, half + 1, dtype=np.float64)
    g = np.exp(-0.5 * (x / s) ** 2)
    return g / g.sum()


def _filter(array, taps):
    from scipy.ndimage import correlate1d
    out = correlate1d(array, taps, axis=0, mode="constant", cval=0.0)
    return correlate1d(out, taps, axis=1, mode="constant", cval=0.0)


def _normalised(membership):
    """Memberships sharpened to the power SHARPEN and renormalised (see module doc)."""
    m = np.asarray(membership, dtype=np.float64) ** SHARPEN
    total = m.sum(axis=0)
    total[total <= 0] = 1.0
    return m / total


def phase_smooth(f, m, widths):
    """u, its standard error and the smoother's diagonal for per-phase widths.

    f: (H, W) counts; m: (K, H, W) normalised memberships; widths: K kernel sds.
    """
    num = np.zeros(f.shape)
    den = np.zeros(f.shape)
    diag = np.zeros(f.shape)
    parts = []
    for c, s in enumerate(widths):
        g = _kernel(s)
        mc = m[c]
        nc, dc = _filter(mc * f, g), _filter(mc, g)
        num += mc * nc
        den += mc * dc
        diag += mc * mc * g[len(g) // 2] ** 2
        parts.append((c, g))
    ok = den > 1e-12
    u = np.where(ok, num / np.where(ok, den, 1.0), f)
    var = np.zeros(f.shape)
    for c, g in parts:
        var += m[c] * _filter(m[c] * np.maximum(u, 0.0), g * g)
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.where(ok, np.sqrt(var) / np.where(ok, den, 1.0), np.sqrt(np.maximum(f, 0)))
        h = np.where(ok, diag / np.where(ok, den, 1.0), 1.0)
    return u, se, h


def _scoring_window(core, size=SCORE_WINDOW):
    """(row slice, col slice) of the size x size window holding most scoring pixels."""
    rows, cols = core.shape
    if rows <= size and cols <= size:
        return slice(0, rows), slice(0, cols)
    from scipy.ndimage import uniform_filter
    step = max(size // 4, 1)
    density = uniform_filter(core.astype(np.float64), size=size, mode="constant")
    sub = density[size // 2:max(rows - size // 2, size // 2 + 1):step,
                  size // 2:max(cols - size // 2, size // 2 + 1):step]
    i, j = np.unravel_index(np.argmax(sub), sub.shape)
    r0 = min(i * step, max(rows - size, 0))
    c0 = min(j * step, max(cols - size, 0))
    return slice(r0, r0 + size), slice(c0, c0 + size)


def choose_widths(f, m, widths=WIDTHS):
    """Per-phase kernel sd minimising the exact leave-one-out Pearson error.

    Scored on the phase's pixels more than EDGE pixels from its boundary, within the
    SCORE_WINDOW-pixel window that holds most of them (with the kernels' full context
    around it), so the choice costs the same on a large map."""
    from scipy.ndimage import binary_erosion
    labels = np.argmax(m, axis=0)
    best = []
    pilot_taps = _kernel(PILOT)
    pad = len(_kernel(max(widths))) // 2
    for c in range(m.shape[0]):
        sel = labels == c
        if not sel.any():
            best.append(widths[-1])
            continue
        core = binary_erosion(sel, np.ones((2 * EDGE + 1, 2 * EDGE + 1), bool))
        if core.sum() >= 25:      # score away from the boundary's mixed pixels
            sel = core
        rs, cs = _scoring_window(sel)
        r0, c0 = max(rs.start - pad, 0), max(cs.start - pad, 0)
        r1, c1 = min(rs.stop + pad, f.shape[0]), min(cs.stop + pad, f.shape[1])
        fw, mw = f[r0:r1, c0:c1], m[c][r0:r1, c0:c1]
        sel = np.zeros(fw.shape, bool)
        sel[rs.start - r0:rs.stop - r0, cs.start - c0:cs.stop - c0] = \
            (core if core.sum() >= 25 else labels == c)[rs, cs]
        if not sel.any():
            best.append(widths[-1])
            continue
        pilot = (_filter(mw * fw, pilot_taps)[sel]
                 / np.maximum(_filter(mw, pilot_taps)[sel], 1e-12))
        weight = 1.0 / np.maximum(pilot, FLOOR)
        scores = []
        for s in widths:
            g = _kernel(s)
            dc = _filter(mw, g)[sel]
            u = _filter(mw * fw, g)[sel] / np.maximum(dc, 1e-12)
            h = np.minimum(mw[sel] * g[len(g) // 2] ** 2 / np.maximum(dc, 1e-12), 0.999)
            loo = (fw[sel] - u) / (1.0 - h)
            scores.append(np.mean(weight * loo ** 2))
        best.append(widths[int(np.argmin(scores))])
    return best


def denoise_counts(counts, membership, widths=None):
    """Denoised intensity (counts per pixel), its standard error, and the widths used.

    counts: (H, W) counts >= 0; membership: (K, H, W).  widths: one kernel sd per phase
    (pixels), or None to choose them by leave-one-out cross-validation.
    """
    f = np.asarray(counts, dtype=np.float64)
    membership = np.asarray(membership)
    if f.ndim != 2 or membership.shape[1:] != f.shape:
        raise InputError(f"The phase memberships ({membership.shape[1]}x{membership.shape[2]})"
                         f" and the map ({f.shape[0]}x{f.shape[1]}) differ in size.")
    if not np.all(np.isfinite(f)):
        raise InputError("The count map has NaN or infinite pixels; denoising needs a count "
                         "in every pixel.")
    if np.any(f < 0):
        raise InputError("The count map has negative pixels; denoising needs counts >= 0.")
    m = _normalised(membership)
    if widths is None:
        widths = choose_widths(f, m)
    u, se, _ = phase_smooth(f, m, widths)
    # a pixel whose counts the estimate cannot explain (a mixed boundary pixel, an
    # inclusion, a misclassified pixel) keeps its own counts
    odd = np.abs(f - u) > GUARD * np.sqrt(np.maximum(u, FLOOR) + se ** 2)
    u = np.where(odd, f, u)
    se = np.where(odd, np.sqrt(np.maximum(f, 1.0)), se)
    return u, se, list(widths)


def denoise_maps(maps, membership, elements=None, progress=None, cancelled=None):
    """Every (or the named) element map denoised: {el: (u, se, widths)}."""
    elements = list(elements or maps.elements)
    out = {}
    for k, el in enumerate(elements):
        if cancelled and cancelled():
            raise Cancelled()
        out[el] = denoise_counts(maps.counts[el], membership)
        if progress:
            progress((k + 1) / len(elements))
    return out


def mean3(counts):
    """3 x 3 moving mean (edges reflected) and its Poisson standard error sqrt(mean / 9)."""
    from scipy.ndimage import uniform_filter
    m = uniform_filter(np.asarray(counts, dtype=np.float64), 3, mode="reflect")
    return m, np.sqrt(np.maximum(m, 0) / 9.0)
