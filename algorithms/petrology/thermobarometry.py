"""Conventional thermobarometers as functions of mineral composition and P or T.

Every calibration here has the same shape, which is what the Bayesian P-T path
(ptpath.py) needs: an exchange thermometer gives T(P) = (A + B P) / D - 273.15 with the
composition in A and D, a net-transfer barometer gives P(T) = a + b (T + 273.15) with
the composition in b. Both are linear in the other variable, so an equilibrium is a
straight line in P-T space.

Compositions are cations per formula unit as `mineral.formula` returns them
({"Fe2": .., "Mg": .., "Ca": .., "Mn": .., "Na": .., "K": ..}); all iron is taken as
Fe2+ unless the formula was split (the calibrations were made that way).

- Garnet-biotite Fe-Mg exchange, Ferry & Spear (1978) Contrib. Mineral. Petrol. 66:113,
  eq. 7, in its printed calorie form: 12454 - 4.662 T + 0.057 P + 3 R T ln KD = 0 (cal,
  K, bar, R = 1.987), KD = (Mg/Fe)Grt / (Mg/Fe)Bt; the paper's fit at 2.07 kbar is
  ln KD = -2109 / T + 0.782, and PET's docstring check value ln KD = -2.08361 gives
  465.91 C at 3 kbar and 475.92 C at 6 kbar (tests check both). Ideal mixing; meant for
  Ca+Mn-poor garnet.
- GASP, grossular + 2 kyanite + quartz = 3 anorthite, Koziol & Newton (1988) Am.
  Mineral. 73:216, in the form of Spear (1993, Metamorphic Phase Equilibria and
  Pressure-Temperature-Time Paths, MSA, eq. 15-48):
  -48357 + 150.66 T - 6.608 (P - 1) + R T ln K = 0, K = (X_Grs / X_An)^3 (ionic garnet,
  molecular plagioclase). At K = 1 this is Koziol & Newton's end-member line
  P(bar) = 22.80 T(C) - 1093 (a test checks it).
- Garnet-clinopyroxene Fe-Mg, Ravna (2000) J. Metamorph. Geol. 18:211:
  T(C) = (1939.9 + 3270 XCa - 1396 XCa^2 + 3319 XMn - 3535 XMn^2 + 1105 XMg
  - 3561 XMg^2 + 2324 XMg^3 + 169.4 P[GPa]) / (ln KD + 1.223) - 273,
  XCa, XMn on the garnet X site, XMg = Mg/(Mg+Fe) of garnet, KD = (Fe/Mg)Grt/(Fe/Mg)Cpx.
- Garnet-phengite Fe-Mg, Green & Hellman (1982) Lithos 15:253, their first
  (low-Ca, Mg-rich pelite) calibration: T(K) = (5170 + 0.036 P[bar]) / (ln KD + 4.17),
  KD = (Fe/Mg)Grt / (Fe/Mg)Phe.
- Garnet-biotite Fe-Mg exchange, Holdaway (2000) Am. Mineral. 85:881 ("grt-bt-hw00"):
  0 = 40198 - 7.802 T + 0.295 P + 3 R T ln KD + Gex (J, K, bar; R = 8.3143) with the
  biotite terms (22998 - 17.396 T)(X_Mg - X_Fe) + (245559 - 280.306 T) X_AlVI
  + (310990 - 370.39 T) X_Ti on the octahedral site (Mg, Fe, Ti, AlVI) and the garnet
  term R T ln(gamma_Prp / gamma_Alm).  Holdaway's garnet Margules parameters were not in
  hand, so the garnet is IDEAL here (gamma = 1): not Holdaway's full calibration, and
  every output using it says so.
- GASP with activity models, Koziol & Newton (1988) end-member line with the Koziol
  (1989) grossular and Newton, Charlu & Kleppa (1980) anorthite models, as transcribed
  from E. Dachs' PET (GTB.m, GGB1 mode 0), in its kyanite ("gasp-kn88-ky"),
  sillimanite ("gasp-kn88-sil") and andalusite ("gasp-kn88-and") forms:
  P(bar) = 22.8 Tc - 1093 - 3 R T ln(a_An / a_Gr) / 6.594 (ky),
  -0.0001872 Tc^2 + 23.41 Tc - 25 - ... / 5.452 (sil), -0.0001872 Tc^2 + 23.98 Tc - 581
  - ... / 5.124 (and); a_An = X_An (1 + X_An)^2 / 4 exp[(1 - X_An)^2 (2050 + 9392 X_An)
  / (1.987 T)]; a_Gr = X_Ca exp[(1 - X_Ca)^2 (W1 + 2 X_Ca (W2 - W1)) / (R T)], W1 =
  -2060 + 357.4 Mg# - 4.95 Mg#^2, W2 = 3391 - 371 Mg# + 6.49 Mg#^2 (J), Mg# = 100
  Mg/(Mg+Fe) of garnet.  R T ln(gamma) is independent of T, so the ky line is linear in
  T; the sil and and lines carry a small Tc^2 term, linearised at 600 C for the path
  (error 0.0001872 (Tc - 600)^2 bar: 2 bar at +-100 C) and kept exact in `pressure`.

Uncertainty: none of the sources in hand (PET's code, Spear's textbook form, XMapTools'
descriptions) states a calibration uncertainty, so every calibration's output says
"uncertainty not from the source".  `sigma` is an ASSUMED systematic 1-sigma (grt-bt
50 C, GASP 1 kbar, grt-cpx 65 C, grt-phe 50 C: values commonly quoted in the
literature, not checked against the papers), used only when the path inversion is asked
to marginalise a calibration offset.  It moves every zone together; the zone-to-zone
scatter is estimated from the data.
The Holdaway (2001) GASP recalibration is not implemented (its coefficients were not
found).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError

R = 8.3144598          # J/(mol K)
KELVIN = 273.15


def _x(apfu, name):
    return np.asarray(apfu.get(name, 0.0), dtype=np.float64)


def _site(apfu):
    """Garnet X-site fractions (Fe2+, Mg, Ca, Mn)."""
    fe, mg, ca, mn = (_x(apfu, n) for n in ("Fe2", "Mg", "Ca", "Mn"))
    total = fe + mg + ca + mn
    with np.errstate(divide="ignore", invalid="ignore"):
        return fe / total, mg / total, ca / total, mn / total


def _ratio(a, b):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.log(a / b)


NOT_FROM_SOURCE = "uncertainty not from the source"
LINEARISE_AT_C = 600.0    # where a barometer's Tc^2 term is linearised for the path


@dataclass(frozen=True)
class Calibration:
    """One thermobarometer: `kind` 'T' (thermometer) or 'P' (barometer)."""
    name: str
    kind: str
    phases: tuple       # the phases besides garnet it needs
    sigma: float        # ASSUMED systematic 1-sigma (C or kbar), see the module docstring
    reference: str
    line: object        # (garnet apfu, {phase: apfu}) -> (A, B, D) or (a, b)
    curvature: float = 0.0          # barometer: kbar per C^2 (P = a + b T_K + c Tc^2)
    uncertainty_source: str = ""    # where a published uncertainty comes from, if any
    note: str = ""                  # a limitation every output must show

    @property
    def uncertainty(self):
        """What the outputs say about the calibration's uncertainty."""
        return self.uncertainty_source or (
            f"{NOT_FROM_SOURCE} (assumed {self.sigma:g} {'C' if self.kind == 'T' else 'kbar'}"
            " for the systematic option)")

    def coefficients(self, garnet, others, at_c=LINEARISE_AT_C):
        """(A, B, D) of T_K = (A + B P_kbar) / D, or (a, b) of P_kbar = a + b T_K, the
        latter linearised at `at_c` when the barometer has a Tc^2 term."""
        coef = self.line(garnet, others)
        if self.kind == "P" and self.curvature:
            a, b = coef
            c = self.curvature        # c Tc^2 ~ c (2 t0 Tc - t0^2), Tc = T_K - 273.15
            return (a - c * at_c ** 2 - 2 * c * at_c * KELVIN, b + 2 * c * at_c)
        return coef

    def temperature(self, garnet, others, pressure_kbar):
        """Thermometer: T in C at the given P (kbar)."""
        a, b, d = self.line(garnet, others)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (a + b * np.asarray(pressure_kbar, dtype=np.float64)) / d - KELVIN

    def pressure(self, garnet, others, temperature_c):
        """Barometer: P in kbar at the given T (C), exact (Tc^2 term included)."""
        a, b = self.line(garnet, others)
        tc = np.asarray(temperature_c, dtype=np.float64)
        return a + b * (tc + KELVIN) + self.curvature * tc ** 2


R_CAL = 1.987             # cal/(mol K), as printed by Ferry & Spear (1978)
R_PET = 8.3143            # J/(mol K), as in PET's Holdaway and GASP forms


def _ferry_spear(grt, others):
    """Ferry & Spear (1978) eq. 7: 12454 - 4.662 T + 0.057 P + 3 (1.987) T ln KD = 0."""
    bt = others["bt"]
    ln_kd = _ratio(_x(grt, "Mg") / _x(grt, "Fe2"), _x(bt, "Mg") / _x(bt, "Fe2"))
    return 12454.0, 57.0, 4.662 - 3 * R_CAL * ln_kd


def biotite_octahedral(bt):
    """Octahedral fractions (Mg, Fe, Ti, AlVI) of biotite apfu (11 O): AlVI = Al - (4 -
    Si); Ti, Al or Si not given count as 0 (AlVI then 0)."""
    fe, mg, ti, al, si = (_x(bt, n) for n in ("Fe2", "Mg", "Ti", "Al", "Si"))
    al_vi = np.where(si > 0, np.maximum(al - (4.0 - si), 0.0), 0.0)
    total = fe + mg + ti + al_vi
    with np.errstate(divide="ignore", invalid="ignore"):
        return mg / total, fe / total, ti / total, al_vi / total


def _holdaway(grt, others):
    """Holdaway (2000) with IDEAL garnet: T_K = (A + 295 P_kbar) / D (see module)."""
    bt = others["bt"]
    ln_kd = _ratio(_x(grt, "Mg") / _x(grt, "Fe2"), _x(bt, "Mg") / _x(bt, "Fe2"))
    x_mg, x_fe, x_ti, x_al = biotite_octahedral(bt)
    d_mgfe = x_mg - x_fe
    a = 40198.0 + 22998.0 * d_mgfe + 245559.0 * x_al + 310990.0 * x_ti
    d = 7.802 - 3 * R_PET * ln_kd + 17.396 * d_mgfe + 280.306 * x_al + 370.39 * x_ti
    return a, 295.0, d


def _gasp(grt, others):
    pl = others["pl"]
    grs = _site(grt)[2]
    with np.errstate(divide="ignore", invalid="ignore"):
        an = _x(pl, "Ca") / (_x(pl, "Ca") + _x(pl, "Na") + _x(pl, "K"))
    ln_k = 3 * _ratio(grs, an)
    # P[bar] - 1 = (-48357 + (150.66 + R ln K) T) / 6.608, returned in kbar
    return (1.0 - 48357.0 / 6.608) / 1000.0, (150.66 + R * ln_k) / 6608.0


def anorthite_activity(x_an, t_k):
    """Newton, Charlu & Kleppa (1980) a_An of plagioclase (as in PET)."""
    x = np.asarray(x_an, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return x * (1 + x) ** 2 / 4 * np.exp((1 - x) ** 2 * (2050 + 9392 * x) / (R_CAL * t_k))


def grossular_site_activity(grt, t_k):
    """Koziol (1989) a_Gr per X site (a_Grs = a_Gr^3) of garnet apfu (as in PET)."""
    w1, w2 = _koziol_w(grt)
    x_ca = _site(grt)[2]
    with np.errstate(divide="ignore", invalid="ignore"):
        return x_ca * np.exp((1 - x_ca) ** 2 * (w1 + 2 * x_ca * (w2 - w1)) / (R_PET * t_k))


def _koziol_w(grt):
    fe, mg = _x(grt, "Fe2"), _x(grt, "Mg")
    with np.errstate(divide="ignore", invalid="ignore"):
        mg_no = np.where(mg + fe > 0, 100 * mg / (mg + fe), 0.0)
    return (-2060 + 357.4 * mg_no - 4.95 * mg_no ** 2, 3391 - 371 * mg_no + 6.49 * mg_no ** 2)


def _gasp_kn88(slope_c, intercept, dv):
    """PET's GASP with activity models: P_bar = intercept + slope_c Tc (+ Tc^2 term) -
    3 R T ln(a_An / a_Gr) / dv, written as P_kbar = a + b T_K (R T ln gamma is
    independent of T, so the activity terms split into a constant and a T slope)."""
    def line(grt, others):
        pl = others["pl"]
        with np.errstate(divide="ignore", invalid="ignore"):
            x_an = _x(pl, "Ca") / (_x(pl, "Ca") + _x(pl, "Na") + _x(pl, "K"))
            ideal_an = np.log(x_an * (1 + x_an) ** 2 / 4)
        x_ca = _site(grt)[2]
        w1, w2 = _koziol_w(grt)
        g_an = R_PET / R_CAL * (1 - x_an) ** 2 * (2050 + 9392 * x_an)    # R T ln gamma_An
        g_gr = (1 - x_ca) ** 2 * (w1 + 2 * x_ca * (w2 - w1))             # R T ln gamma_Gr
        b = slope_c - 3 * R_PET * (ideal_an - _ratio(x_ca, 1.0)) / dv
        a = intercept - slope_c * KELVIN - 3 * (g_an - g_gr) / dv
        return a / 1000.0, b / 1000.0
    return line


def _ravna(grt, others):
    cpx = others["cpx"]
    fe, mg, ca, mn = _site(grt)
    with np.errstate(divide="ignore", invalid="ignore"):
        xmg = _x(grt, "Mg") / (_x(grt, "Mg") + _x(grt, "Fe2"))
    ln_kd = _ratio(_x(grt, "Fe2") / _x(grt, "Mg"), _x(cpx, "Fe2") / _x(cpx, "Mg"))
    a = (1939.9 + 3270 * ca - 1396 * ca ** 2 + 3319 * mn - 3535 * mn ** 2 + 1105 * xmg
         - 3561 * xmg ** 2 + 2324 * xmg ** 3)
    # the paper subtracts 273 (not 273.15): keep its numbers
    return a + 0.15 * (ln_kd + 1.223), 16.94, ln_kd + 1.223


def _green_hellman(grt, others):
    phe = others["phe"]
    ln_kd = _ratio(_x(grt, "Fe2") / _x(grt, "Mg"), _x(phe, "Fe2") / _x(phe, "Mg"))
    return 5170.0, 36.0, ln_kd + 4.17


PET = "as transcribed from E. Dachs' PET (GTB.m)"
IDEAL_GARNET = ("Holdaway (2000) with IDEAL garnet: his garnet Margules parameters were not "
                "in hand, so gamma_Prp = gamma_Alm = 1; not his full calibration")
CALIBRATIONS = {
    "grt-bt": Calibration(
        "grt-bt", "T", ("bt",), 50.0,
        "Ferry & Spear (1978) Contrib. Mineral. Petrol. 66:113, eq. 7", _ferry_spear),
    "gasp": Calibration(
        "gasp", "P", ("pl",), 1.0,
        "Koziol & Newton (1988) Am. Mineral. 73:216; Spear (1993) eq. 15-48 (ideal)", _gasp),
    "grt-cpx": Calibration(
        "grt-cpx", "T", ("cpx",), 65.0,
        "Ravna (2000) J. Metamorph. Geol. 18:211", _ravna),
    "grt-phe": Calibration(
        "grt-phe", "T", ("phe",), 50.0,
        "Green & Hellman (1982) Lithos 15:253", _green_hellman),
    "grt-bt-hw00": Calibration(
        "grt-bt-hw00", "T", ("bt",), 50.0,
        f"Holdaway (2000) Am. Mineral. 85:881, {PET}, ideal garnet", _holdaway,
        note=IDEAL_GARNET),
    "gasp-kn88-ky": Calibration(
        "gasp-kn88-ky", "P", ("pl",), 1.0,
        "Koziol & Newton (1988), kyanite; Koziol (1989) garnet, Newton et al. (1980) "
        f"plagioclase activities, {PET}", _gasp_kn88(22.8, -1093.0, 6.594)),
    "gasp-kn88-sil": Calibration(
        "gasp-kn88-sil", "P", ("pl",), 1.0,
        "Koziol & Newton (1988), sillimanite; Koziol (1989), Newton et al. (1980) "
        f"activities, {PET}", _gasp_kn88(23.41, -25.0, 5.452), curvature=-0.0001872e-3),
    "gasp-kn88-and": Calibration(
        "gasp-kn88-and", "P", ("pl",), 1.0,
        "Koziol & Newton (1988), andalusite; Koziol (1989), Newton et al. (1980) "
        f"activities, {PET}", _gasp_kn88(23.98, -581.0, 5.124), curvature=-0.0001872e-3),
}

# oxygen basis of each phase prefix used in tables
PHASE_MINERAL = {"grt": "garnet", "bt": "biotite", "pl": "plagioclase", "cpx": "pyroxene",
                 "phe": "white mica"}


def calibration(name):
    if name not in CALIBRATIONS:
        raise InputError(f"Unknown thermobarometer {name!r}; use one of "
                         f"{', '.join(CALIBRATIONS)}.")
    return CALIBRATIONS[name]


def intersect(thermometer, barometer, garnet, others_t, others_p):
    """Conventional P-T (kbar, C) where a thermometer line crosses a barometer line (a
    barometer's Tc^2 term by re-linearising at the crossing, three times)."""
    a, b, d = thermometer.coefficients(garnet, others_t)
    at_c = LINEARISE_AT_C
    for _ in range(3 if barometer.curvature else 1):
        pa, pb = barometer.coefficients(garnet, others_p, at_c)
        # T_K = (a + b P) / d ; P = pa + pb T_K  ->  T_K (d - b pb) = a + b pa
        with np.errstate(divide="ignore", invalid="ignore"):
            tk = (a + b * pa) / (d - b * pb)
        at_c = tk - KELVIN
    return pa + pb * tk, tk - KELVIN
