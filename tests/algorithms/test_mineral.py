"""Structural formulae against published analyses and their published apfu (0.01 apfu).

Sources (tests/data/SOURCES.md lists them too):
- Handbook of Mineralogy (Anthony, Bideaux, Bladh & Nichols, Mineral Data Publishing,
  version 1.2, 2001): anorthoclase analysis (1), Mt. Erebus, with its formula
  (Na0.64Ca0.18K0.17)(Al0.98Fe3+0.02Fe2+0.01)(Si2.81Al0.19)O8; anorthite (2)
  Na0.10Ca0.90Al1.90Si2.10O8; almandine (2) Fe3Al2(SiO4)3.
- R. April, Colgate University GEOL 201 "Formulation" notes: olivine SiO2 34.96,
  FeO 36.77, MnO 0.52, MgO 27.04 -> (Mg1.140 Fe0.870 Mn0.012) Si0.989 O4.
- J. Brady & D. Perkins, "Mineral formulae recalculation" (SERC, Carleton College):
  diopside SiO2 55.49, MgO 18.61, CaO 25.90 -> CaMgSi2O6.
"""
import numpy as np
import pytest

from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.petrology import mineral

TOL = 0.01


def check(apfu, expected):
    for cation, value in expected.items():
        assert float(apfu[cation]) == pytest.approx(value, abs=TOL), cation


def test_olivine_colgate():
    apfu = mineral.formula({"SiO2": 34.96, "FeO": 36.77, "MnO": 0.52, "MgO": 27.04}, 4)
    check(apfu, {"Si": 0.989, "Fe2": 0.870, "Mn": 0.012, "Mg": 1.140})
    em = mineral.end_members("olivine", apfu)
    assert float(em["Fo"]) == pytest.approx(1.140 / (1.140 + 0.870), abs=TOL)


def test_anorthoclase_handbook():
    wt = {"SiO2": 62.79, "Al2O3": 22.12, "Fe2O3": 0.36, "FeO": 0.41, "CaO": 3.76,
          "Na2O": 7.35, "K2O": 2.98, "H2O+": 0.19, "H2O-": 0.07}
    apfu = mineral.formula(wt, 8)
    check(apfu, {"Na": 0.64, "Ca": 0.18, "K": 0.17, "Al": 0.98 + 0.19, "Fe3": 0.02,
                 "Fe2": 0.01, "Si": 2.81})


def test_anorthite_handbook():
    apfu = mineral.formula({"SiO2": 45.62, "Al2O3": 35.02, "CaO": 18.24, "Na2O": 1.12}, 8)
    check(apfu, {"Na": 0.10, "Ca": 0.90, "Al": 1.90, "Si": 2.10})
    em = mineral.end_members("plagioclase", apfu)
    assert float(em["An"]) == pytest.approx(0.90, abs=TOL)
    assert float(em["Ab"]) == pytest.approx(0.10, abs=TOL)


def test_almandine_handbook_with_and_without_ferric():
    wt = {"SiO2": 36.21, "Al2O3": 20.49, "FeO": 43.30}
    for cations in (None, 8):
        apfu = mineral.formula(wt, 12, cations)
        check(apfu, {"Fe2": 3.0, "Al": 2.0, "Si": 3.0, "Fe3": 0.0} if cations else
              {"Fe2": 3.0, "Al": 2.0, "Si": 3.0})
    em = mineral.end_members("garnet", mineral.formula(wt, 12, 8))
    assert float(em["Alm"]) == pytest.approx(1.0, abs=TOL)


def test_diopside_brady_perkins():
    apfu = mineral.formula({"SiO2": 55.49, "MgO": 18.61, "CaO": 25.90}, 6)
    check(apfu, {"Si": 2.0, "Mg": 1.0, "Ca": 1.0})
    em = mineral.end_members("pyroxene", apfu)
    assert float(em["Wo"]) == pytest.approx(0.5, abs=TOL)
    assert float(em["En"]) == pytest.approx(0.5, abs=TOL)


def test_charge_balance_recovers_ferric_iron_of_andradite():
    """Method check (not a published analysis): Ca3Fe3+2Si3O12 written with all iron
    as FeO must come back as 2 Fe3+ on 12 O / 8 cations (Droop 1987)."""
    m = mineral.OXIDES
    mass = {"CaO": 3 * m["CaO"][0], "Fe2O3": m["Fe2O3"][0], "SiO2": 3 * m["SiO2"][0]}
    total = sum(mass.values())
    wt = {k: 100 * v / total for k, v in mass.items()}
    wt["FeO"] = wt.pop("Fe2O3") * mineral.FEO_PER_FE2O3
    apfu = mineral.formula(wt, 12, 8)
    check(apfu, {"Fe3": 2.0, "Fe2": 0.0, "Ca": 3.0, "Si": 3.0})


def test_maps_and_mask():
    wt = {"SiO2": np.array([[45.62, np.nan]]), "Al2O3": np.array([[35.02, 35.02]]),
          "CaO": np.array([[18.24, 18.24]]), "Na2O": np.array([[1.12, 1.12]])}
    maps = mineral.mineral_maps(wt, "plagioclase", mask=np.array([[True, True]]))
    assert maps["An"][0, 0] == pytest.approx(0.90, abs=TOL)
    assert np.isnan(maps["Si"][0, 1])


def test_bad_input():
    with pytest.raises(InputError, match="Unknown oxide"):
        mineral.formula({"SiO3": 50}, 4)
    with pytest.raises(InputError, match="fixed cation total"):
        mineral.mineral_maps({"SiO2": np.ones((1, 1))}, "biotite", ferric=True)
