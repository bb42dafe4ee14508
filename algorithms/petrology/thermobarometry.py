"""Conventional thermobarometers as functions of mineral composition and P or T.

Every calibration here has the same shape, which is what the Bayesian P-T path
(ptpath.py) needs: an exchange thermometer gives T(P) = (A + B P) / D - 273.15 with the
composition in A and D, a net-transfer barometer gives P(T) = a + b (T + 273.15) with
the composition in b. Both are linear in the other variable, so an equilibrium is a
straight line in P-T space.

Compositions are cations per formula unit as `mineral.formula` returns them
({"Fe2": .., "Mg": .., "Ca": .., "Mn": .., "Na": .., "K": ..}); all iron is taken as
Fe2+ unless the formula was split (the calibrations were made that way).

- Garnet-biotite Fe-Mg exchange, Ferry & Spear (1978) Contrib. Mineral. Petrol. 66:113:
  52108 - 19.51 T + 0.238 P + 3 R T ln KD = 0 (J, K, bar), KD = (Mg/Fe)Grt / (Mg/Fe)Bt;
  the paper's fit at 2.07 kbar is ln KD = -2109 / T + 0.782 (the two forms agree; a
  test checks it). Ideal mixing; meant for Ca+Mn-poor garnet.
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

`sigma` of each calibration is the uncertainty commonly quoted with it (Ferry & Spear
+-50 C; GASP +-1 kbar; Ravna +-65 C; Green & Hellman +-50 C; typical literature values,
not checked against the papers here). It is systematic (it moves every zone together):
the path inversion reports it, or marginalises it as an offset on request, and
estimates the zone-to-zone scatter from the data.
The Holdaway (2000, 2001) garnet-biotite and GASP recalibrations are not implemented.
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


@dataclass(frozen=True)
class Calibration:
    """One thermobarometer: `kind` 'T' (thermometer) or 'P' (barometer)."""
    name: str
    kind: str
    phases: tuple       # the phases besides garnet it needs
    sigma: float        # commonly quoted calibration uncertainty (C or kbar)
    reference: str
    line: object        # (garnet apfu, {phase: apfu}) -> (A, B, D) or (a, b)

    def coefficients(self, garnet, others):
        return self.line(garnet, others)

    def temperature(self, garnet, others, pressure_kbar):
        """Thermometer: T in C at the given P (kbar)."""
        a, b, d = self.line(garnet, others)
        with np.errstate(divide="ignore", invalid="ignore"):
            return (a + b * np.asarray(pressure_kbar, dtype=np.float64)) / d - KELVIN

    def pressure(self, garnet, others, temperature_c):
        """Barometer: P in kbar at the given T (C)."""
        a, b = self.line(garnet, others)
        return a + b * (np.asarray(temperature_c, dtype=np.float64) + KELVIN)


def _ferry_spear(grt, others):
    bt = others["bt"]
    ln_kd = _ratio(_x(grt, "Mg") / _x(grt, "Fe2"), _x(bt, "Mg") / _x(bt, "Fe2"))
    return 52108.0, 238.0, 19.51 - 3 * R * ln_kd


def _gasp(grt, others):
    pl = others["pl"]
    grs = _site(grt)[2]
    with np.errstate(divide="ignore", invalid="ignore"):
        an = _x(pl, "Ca") / (_x(pl, "Ca") + _x(pl, "Na") + _x(pl, "K"))
    ln_k = 3 * _ratio(grs, an)
    # P[bar] - 1 = (-48357 + (150.66 + R ln K) T) / 6.608, returned in kbar
    return (1.0 - 48357.0 / 6.608) / 1000.0, (150.66 + R * ln_k) / 6608.0


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


CALIBRATIONS = {
    "grt-bt": Calibration(
        "grt-bt", "T", ("bt",), 50.0,
        "Ferry & Spear (1978) Contrib. Mineral. Petrol. 66:113", _ferry_spear),
    "gasp": Calibration(
        "gasp", "P", ("pl",), 1.0,
        "Koziol & Newton (1988) Am. Mineral. 73:216; Spear (1993) eq. 15-48", _gasp),
    "grt-cpx": Calibration(
        "grt-cpx", "T", ("cpx",), 65.0,
        "Ravna (2000) J. Metamorph. Geol. 18:211", _ravna),
    "grt-phe": Calibration(
        "grt-phe", "T", ("phe",), 50.0,
        "Green & Hellman (1982) Lithos 15:253", _green_hellman),
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
    """Conventional P-T (kbar, C) where a thermometer line crosses a barometer line."""
    a, b, d = thermometer.coefficients(garnet, others_t)
    pa, pb = barometer.coefficients(garnet, others_p)
    # T_K = (a + b P) / d ; P = pa + pb T_K  ->  T_K (d - b pb) = a + b pa
    with np.errstate(divide="ignore", invalid="ignore"):
        tk = (a + b * pa) / (d - b * pb)
    return pa + pb * tk, tk - KELVIN
