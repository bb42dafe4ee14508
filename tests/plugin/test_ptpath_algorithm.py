"""geoinverse:ptpath through Processing and qgis_process, and its bad-input errors."""
import csv

import numpy as np
import pytest

from geoinverse.algorithms.petrology import ptpath

N = 12
TRUE_P = np.linspace(5.0, 8.0, N)
TRUE_T = np.linspace(520.0, 640.0, N)


@pytest.fixture
def zone_table(tmp_path):
    rows = ptpath.synthetic_zones(TRUE_P, TRUE_T, np.random.default_rng(4))
    keys = sorted({k for r in rows for k in r}, key=lambda k: (k != "zone", k != "distance", k))
    path = tmp_path / "zones.csv"
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, keys)
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_table(path):
    with open(path) as handle:
        return list(csv.DictReader(handle))


def test_ptpath_processing(run_algorithm, zone_table, tmp_path):
    out = run_algorithm("geoinverse:ptpath", {
        "INPUT": str(zone_table), "SAMPLES": 800, "OUTPUT": str(tmp_path / "path.csv"),
        "REPORT": str(tmp_path / "path.html")})
    rows = read_table(out["OUTPUT"])
    assert len(rows) == N and out["ZONES"] == N
    p = np.array([float(r["P_map"]) for r in rows])
    t = np.array([float(r["T_map"]) for r in rows])
    assert np.abs(p - TRUE_P).max() < 0.5 and np.abs(t - TRUE_T).max() < 25
    lacking = [r for r in rows if r["equilibria"] == "1"]
    assert len(lacking) == N // 2 and all(r["P_single"] == "" for r in lacking)
    assert all(float(r["P_lo"]) < float(r["P_map"]) < float(r["P_hi"]) for r in rows)
    page = (tmp_path / "path.html").read_text()
    assert "<svg" in page and "polygon" in page and "Ferry &amp; Spear" in page


def test_ptpath_bad_input(run_algorithm, zone_table, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="one barometer"):
        run_algorithm("geoinverse:ptpath", {
            "INPUT": str(zone_table), "EQUILIBRIA": ["grt-bt"], "OUTPUT": str(tmp_path / "a.csv")})
    assert not (tmp_path / "a.csv").exists()
    bad = tmp_path / "bad.csv"
    bad.write_text("zone,grt_FeO,grt_MgO\n1,30,x\n2,31,3\n3,30,3\n")
    with pytest.raises(QgsProcessingException, match="not a number"):
        run_algorithm("geoinverse:ptpath", {"INPUT": str(bad),
                                            "OUTPUT": str(tmp_path / "b.csv")})
    assert not (tmp_path / "b.csv").exists()


def test_ptpath_qgis_process(qgis_process, zone_table, tmp_path):
    proc = qgis_process("run", "geoinverse:ptpath", "--", f"INPUT={zone_table}",
                        "SAMPLES=500", f"OUTPUT={tmp_path / 'q.csv'}",
                        f"REPORT={tmp_path / 'q.html'}")
    assert "rim (12)" in proc.stdout
    rows = read_table(tmp_path / "q.csv")
    assert len(rows) == N
    assert abs(float(rows[-1]["T_map"]) - TRUE_T[-1]) < 25
    assert (tmp_path / "q.html").stat().st_size > 5000


def test_epmaprofile_line_layer_over_maps(run_algorithm, epma_reference, tmp_path):
    """A line drawn in a scratch layer over the quantified maps (pixel coordinates)."""
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    from geoinverse.algorithms.raster import write_array
    ref = np.loadtxt(epma_reference / "qntmap" / "SiO2.csv", delimiter=",")
    folder = tmp_path / "q"
    folder.mkdir()
    write_array(str(folder / "SiO2.tif"), ref)
    layer = QgsVectorLayer("LineString", "line", "memory")
    feature = QgsFeature()
    feature.setGeometry(QgsGeometry.fromWkt("LINESTRING(0.5 -30.5, 99.5 -30.5)"))
    layer.dataProvider().addFeature(feature)
    out = run_algorithm("geoinverse:epmaprofile", {
        "FOLDER": str(folder), "LINE_LAYER": layer, "STEP": 1, "WIDTH": 1, "PREFIX": "grt_",
        "OUTPUT": str(tmp_path / "p.csv"), "REPORT": str(tmp_path / "p.html")})
    rows = read_table(out["OUTPUT"])
    assert out["POINTS"] == 100
    np.testing.assert_allclose([float(r["grt_SiO2"]) for r in rows], ref[30], rtol=1e-5)
    assert "<svg" in (tmp_path / "p.html").read_text()


def test_epmaprofile_without_line(run_algorithm, data_dir, tmp_path):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="profile line"):
        run_algorithm("geoinverse:epmaprofile", {
            "MAPS": [str(data_dir / "azores_1m.tif")], "OUTPUT": str(tmp_path / "p.csv")})
    assert not (tmp_path / "p.csv").exists()


def test_ptpath_growth_law(run_algorithm, zone_table, tmp_path):
    out = run_algorithm("geoinverse:ptpath", {
        "INPUT": str(zone_table), "SAMPLES": 300, "GROWTH_LAW": "interface",
        "OUTPUT": str(tmp_path / "t.csv")})
    rows = read_table(out["OUTPUT"])
    time = [float(r["time"]) for r in rows]
    assert time[0] == 0 and time[-1] == 1 and all(np.diff(time) > 0)


def test_epmaprofile_qgis_process_wkt_line(qgis_process, epma_reference, tmp_path):
    from geoinverse.algorithms.raster import write_array
    ref = np.loadtxt(epma_reference / "qntmap" / "MgO.csv", delimiter=",")
    (tmp_path / "q").mkdir()
    write_array(str(tmp_path / "q" / "MgO.tif"), ref)
    qgis_process("run", "geoinverse:epmaprofile", "--", f"FOLDER={tmp_path / 'q'}",
                 "LINE=LINESTRING(40.5 -0.5, 40.5 -99.5)", "STEP=3", "WIDTH=0",
                 f"OUTPUT={tmp_path / 'p.csv'}")
    rows = read_table(tmp_path / "p.csv")
    np.testing.assert_allclose([float(r["MgO"]) for r in rows], ref[::3, 40], rtol=1e-5)
