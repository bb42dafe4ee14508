"""geoinverse:isocon on Grant's (2005) Table 1 (UA vs 401) through Processing and
qgis_process: the classical isocon through Grant's immobile set with both slope
estimators, the sparse mode's choice next to Grant's, and a bad estimator id."""
import csv
import shutil

import pytest
from qgis.core import QgsProcessingException

GRANT = "Al2O3,SiO2,TiO2,Cu,Sc"


@pytest.fixture
def table(data_dir, tmp_path):
    path = tmp_path / "grant2005.csv"
    shutil.copy(data_dir / "petrology" / "isocon_grant2005_wide.csv", path)
    return str(path)


def _rows(layer):
    return {f["element"]: f for f in layer.getFeatures()}


@pytest.mark.parametrize("estimator, slope", [("geometric-mean", 0.9840),
                                              ("mean-slope", 0.9846)])
def test_classical_reproduces_grants_isocon(run_algorithm, table, tmp_path, estimator,
                                            slope):
    result = run_algorithm("geoinverse:isocon", {
        "INPUT": table, "SAMPLE_FIELD": "sample", "REFERENCE": "UA", "MODE": "classical",
        "IMMOBILE": GRANT.split(","), "ESTIMATOR": estimator, "OUTPUT": "memory:",
        "REPORT": str(tmp_path / "r.html")})
    rows = _rows(result["OUTPUT"])
    assert len(rows) == 20
    assert rows["SiO2"]["slope"] == pytest.approx(slope, abs=5e-5)
    assert {e for e, f in rows.items() if f["immobile"] == 1} == set(GRANT.split(","))
    assert rows["K2O"]["unit"] == "wt%" and rows["Ba"]["unit"] == "ppm"
    assert rows["K2O"]["abs_change"] == pytest.approx(3.12 / slope - 0.49, abs=1e-3)
    assert rows["Ba"]["abs_change"] == pytest.approx(140 / slope - 80, abs=0.05)
    assert "isocon slope M_O/M_A" in (tmp_path / "r.html").read_text()


def test_sparse_next_to_grant(run_algorithm, table):
    result = run_algorithm("geoinverse:isocon", {
        "INPUT": table, "SAMPLE_FIELD": "sample", "REFERENCE": "UA", "MODE": "sparse",
        "OUTPUT": "memory:", "REPORT": "TEMPORARY_OUTPUT"})
    rows = _rows(result["OUTPUT"])
    found = {e for e, f in rows.items() if f["immobile"] == 1}
    assert found == set(GRANT.split(",")) | {"MnO", "V", "Cr"}


def test_unknown_estimator_is_refused(run_algorithm, table):
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:isocon", {
            "INPUT": table, "SAMPLE_FIELD": "sample", "REFERENCE": "UA", "MODE": "classical",
            "IMMOBILE": ["SiO2"], "ESTIMATOR": "median", "OUTPUT": "memory:",
            "REPORT": "TEMPORARY_OUTPUT"})


def test_qgis_process_grant(qgis_process, table, tmp_path):
    out = tmp_path / "isocon.csv"
    proc = qgis_process("run", "geoinverse:isocon", "--", f"INPUT={table}",
                        "SAMPLE_FIELD=sample", "REFERENCE=UA", "MODE=classical",
                        f"IMMOBILE={GRANT}", "ESTIMATOR=mean-slope", f"OUTPUT={out}",
                        f"REPORT={tmp_path / 'r.html'}")
    assert "isocon slope 0.9846 (mean-slope)" in proc.stdout
    with open(out) as fh:
        rows = {r["element"]: r for r in csv.DictReader(fh)}
    assert float(rows["CO2"]["abs_change"]) == pytest.approx(10.96 / 0.98465 - 3.29, abs=2e-3)
