"""geoinverse:isocon through Processing and qgis_process, on the generated altered suite."""
import csv
import shutil

import numpy as np
import pytest
from qgis.core import (QgsFeature, QgsProcessingException, QgsVectorLayer)

TRUE_RATIO = np.array([0.7728, 0.9197, 1.1913, 1.3635])        # see tests/data/SOURCES.md
TRUE_IMMOBILE = {"TiO2", "Al2O3", "Zr", "Nb", "Y", "Th", "La", "Yb"}


@pytest.fixture
def table(data_dir):
    return str(data_dir / "isocon_synthetic.csv")


def _by_sample(layer):
    out = {}
    for f in layer.getFeatures():
        out.setdefault(f["sample"], {})[f["element"]] = f
    return out


def test_sparse_from_a_csv(run_algorithm, table, tmp_path):
    report = tmp_path / "isocon.html"
    result = run_algorithm("geoinverse:isocon", {
        "INPUT": table, "SAMPLE_FIELD": "sample", "REFERENCE": "protolith",
        "MODE": "sparse", "OUTPUT": "memory:", "REPORT": str(report)})
    rows = _by_sample(result["OUTPUT"])
    assert sorted(rows) == ["alt1", "alt2", "alt3", "alt4"]
    assert len(rows["alt1"]) == 21 and "rock" not in rows["alt1"]   # text column left out
    immobile = {e for e, f in rows["alt1"].items() if f["immobile"] == 1}
    assert immobile == TRUE_IMMOBILE
    ratio = np.array([rows[s]["SiO2"]["mass_ratio"] for s in sorted(rows)])
    se = np.array([rows[s]["SiO2"]["mass_ratio_se"] for s in sorted(rows)])
    assert np.all(np.abs(ratio - TRUE_RATIO) <= 3 * se)
    assert np.all(np.abs(ratio / TRUE_RATIO - 1) < 0.03)
    assert rows["alt1"]["K2O"]["rel_change"] > 1.0            # K2O gained (sericite)
    assert rows["alt1"]["CaO"]["rel_change"] < -0.5           # CaO lost
    assert rows["alt1"]["SiO2"]["unit"] == "wt%" and rows["alt1"]["Zr"]["unit"] == "ppm"
    page = report.read_text()
    assert page.count("<svg") == 8 and "Dependence on q" in page


def test_classical_on_a_typed_layer_without_geometry(run_algorithm, table):
    with open(table) as fh:
        data = list(csv.reader(fh))
    header, body = data[0], data[1:]
    spec = "&".join(["field=sample:string"] + [f"field={h}:double" for h in header[2:]])
    layer = QgsVectorLayer(f"None?{spec}", "compositions", "memory")
    feats = []
    for row in body:
        f = QgsFeature(layer.fields())
        f.setAttributes([row[0]] + [float(v) for v in row[2:]])
        feats.append(f)
    layer.dataProvider().addFeatures(feats)
    result = run_algorithm("geoinverse:isocon", {
        "INPUT": layer, "SAMPLE_FIELD": "sample", "REFERENCE": "protolith",
        "SAMPLES": "alt2, alt4", "MODE": "classical", "IMMOBILE": ["TiO2", "Zr"],
        "OUTPUT": "memory:", "REPORT": "TEMPORARY_OUTPUT"})
    rows = _by_sample(result["OUTPUT"])
    assert sorted(rows) == ["alt2", "alt4"]
    ref = dict(zip(header[2:], map(float, body[0][2:])))
    for sample in ("alt2", "alt4"):
        alt = dict(zip(header[2:], map(float, body[int(sample[-1])][2:])))
        expect = np.exp(-np.mean([np.log(alt[e] / ref[e]) for e in ("TiO2", "Zr")]))
        assert rows[sample]["Na2O"]["mass_ratio"] == pytest.approx(expect, rel=1e-9)
        assert rows[sample]["Na2O"]["rel_change"] == pytest.approx(
            expect * alt["Na2O"] / ref["Na2O"] - 1, rel=1e-9)


@pytest.mark.parametrize("edit, message", [
    (lambda rows: rows[2].__setitem__(4, "n.d."), "'alt1', column 'Al2O3': 'n.d.'"),
    (lambda rows: rows[3].__setitem__(4, "-0.2"), "negative"),
])
def test_bad_cells_write_nothing(run_algorithm, table, tmp_path, edit, message):
    with open(table) as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    bad = tmp_path / "bad.csv"
    with open(bad, "w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out, report = tmp_path / "out.csv", tmp_path / "out.html"
    with pytest.raises(QgsProcessingException, match=message):
        run_algorithm("geoinverse:isocon", {
            "INPUT": str(bad), "SAMPLE_FIELD": "sample", "REFERENCE": "protolith",
            "ELEMENTS": ["SiO2", "TiO2", "Al2O3", "Zr"], "OUTPUT": str(out),
            "REPORT": str(report)})
    assert not out.exists() and not report.exists()


def test_unknown_reference(run_algorithm, table):
    with pytest.raises(QgsProcessingException, match="'granite' is not in the table"):
        run_algorithm("geoinverse:isocon", {
            "INPUT": table, "SAMPLE_FIELD": "sample", "REFERENCE": "granite",
            "OUTPUT": "memory:", "REPORT": "TEMPORARY_OUTPUT"})


def test_qgis_process_end_to_end(qgis_process, table, tmp_path):
    out, report = tmp_path / "isocon.csv", tmp_path / "isocon.html"
    shutil.copy(table, tmp_path / "suite.csv")
    proc = qgis_process("run", "geoinverse:isocon", "--",
                        f"INPUT={tmp_path / 'suite.csv'}", "SAMPLE_FIELD=sample",
                        "REFERENCE=protolith", "MODE=sparse", "Q=0.5", "Q_SCAN=0.1,1,2",
                        f"OUTPUT={out}", f"REPORT={report}")
    assert "alt1: M_A/M_O = " in proc.stdout
    with open(out) as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 * 21
    ratio = {r["sample"]: float(r["mass_ratio"]) for r in rows}
    assert np.allclose([ratio[f"alt{i}"] for i in range(1, 5)], TRUE_RATIO, rtol=0.03)
    assert {r["element"] for r in rows if r["immobile"] == "1"} == TRUE_IMMOBILE
    assert report.read_text().count("<svg") == 8
