"""geoinverse:ptpath on a real garnet profile (with an assumed matrix) and
geoinverse:ptpathmaps on synthetic quantified maps of several grains, through
Processing and qgis_process, and their bad inputs."""
import csv
import shutil

import numpy as np
import pytest
from qgis.core import QgsProcessingException

from geoinverse.algorithms.petrology import ptgrains as pg
from geoinverse.algorithms.raster import write_array


def read_table(path):
    with open(path) as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def profile(data_dir, tmp_path):
    path = tmp_path / "Data_Grt_1D.txt"
    shutil.copy(data_dir / "petrology" / "garnet_profile_Data_Grt_1D.txt", path)
    return str(path)


def test_ptpath_profile_route(run_algorithm, profile, tmp_path):
    out = run_algorithm("geoinverse:ptpath", {
        "PROFILE": profile, "MATRIX_BT": "XMg=0.45", "MATRIX_PL": "An=0.3", "ZONES": 20,
        "SAMPLES": 500, "OUTPUT": str(tmp_path / "path.csv"),
        "REPORT": str(tmp_path / "path.html")})
    rows = read_table(out["OUTPUT"])
    assert len(rows) == 20 and out["ZONES"] == 20
    t = np.array([float(r["T_map"]) for r in rows])
    assert t[-1] - t[0] > 200 and np.abs(np.diff(t)).max() < 60
    assert all(int(r["points"]) > 0 for r in rows)
    page = (tmp_path / "path.html").read_text()
    assert "XMg=0.45" in page and "not from the source" in page and "<svg" in page


def test_ptpath_needs_an_input(run_algorithm, profile, tmp_path):
    with pytest.raises(QgsProcessingException, match="zone table"):
        run_algorithm("geoinverse:ptpath", {"OUTPUT": str(tmp_path / "p.csv")})
    with pytest.raises(QgsProcessingException, match="An must be"):
        run_algorithm("geoinverse:ptpath", {
            "PROFILE": profile, "MATRIX_PL": "An=2", "OUTPUT": str(tmp_path / "p.csv")})
    assert not (tmp_path / "p.csv").exists()


MATRIX = {"bt": pg.parse_matrix("XMg=0.45", "bt"), "pl": pg.parse_matrix("An=0.3", "pl")}


@pytest.fixture
def map_folder(tmp_path):
    maps, membership, _ = pg.synthetic_maps(
        lambda s: 5 + 4 * np.sin(np.pi * 0.8 * s), lambda s: 500 + 180 * (1 - (1 - s) ** 2),
        MATRIX, [(20, 20), (22, 70), (70, 40)], [16, 12, 10], shape=(90, 90),
        rng=np.random.default_rng(2))
    folder = tmp_path / "quantified"
    folder.mkdir()
    for name, array in maps.items():
        write_array(str(folder / f"{name}.tif"), array.astype(np.float32))
    write_array(str(tmp_path / "membership_Grt.tif"), membership.astype(np.float32))
    return folder, tmp_path / "membership_Grt.tif"


def test_ptpathmaps_processing(run_algorithm, map_folder, tmp_path):
    folder, membership = map_folder
    out = run_algorithm("geoinverse:ptpathmaps", {
        "FOLDER": str(folder), "MEMBERSHIP": str(membership), "ZONES": 15, "SAMPLES": 400,
        "OUTPUT": str(tmp_path / "path.csv"), "GRAINS": str(tmp_path / "grains.csv"),
        "REPORT": str(tmp_path / "maps.html")})
    assert out["GRAIN_COUNT"] == 3
    grains = read_table(out["GRAINS"])
    offsets = sorted(float(g["offset"]) for g in grains)
    assert offsets[0] == 0.0 and offsets[-1] == pytest.approx(1 - 10 / 16, abs=0.06)
    rows = read_table(out["OUTPUT"])
    s = np.array([float(r["distance"]) for r in rows])
    t = np.array([float(r["T_map"]) for r in rows])
    assert np.abs(t - (500 + 180 * (1 - (1 - s) ** 2))).max() < 25


def test_ptpathmaps_bad_input(run_algorithm, map_folder, tmp_path):
    folder, membership = map_folder
    base = {"FOLDER": str(folder), "MEMBERSHIP": str(membership),
            "OUTPUT": str(tmp_path / "bad.csv")}
    with pytest.raises(QgsProcessingException, match="No garnet grain"):
        run_algorithm("geoinverse:ptpathmaps", dict(base, THRESHOLD=1.0, MIN_PIXELS=5000))
    with pytest.raises(QgsProcessingException):
        run_algorithm("geoinverse:ptpathmaps", dict(base, OFFSETS="random"))
    with pytest.raises(QgsProcessingException, match="FeO, MgO and CaO"):
        run_algorithm("geoinverse:ptpathmaps", dict(base, FOLDER=str(tmp_path)))
    assert not (tmp_path / "bad.csv").exists()


def test_ptpathmaps_qgis_process(qgis_process, map_folder, tmp_path):
    folder, membership = map_folder
    out = tmp_path / "path.csv"
    proc = qgis_process("run", "geoinverse:ptpathmaps", "--", f"FOLDER={folder}",
                        f"MEMBERSHIP={membership}", "OFFSETS=size", "ZONING=distance",
                        "ZONES=12", "SAMPLES=300", f"OUTPUT={out}")
    assert "grain 1:" in proc.stdout and "nucleation offset" in proc.stdout
    assert len(read_table(out)) == 12


def test_ptpath_profile_qgis_process(qgis_process, profile, tmp_path):
    out = tmp_path / "path.csv"
    proc = qgis_process("run", "geoinverse:ptpath", "--", f"PROFILE={profile}",
                        "ORIENTATION=rim-to-rim", "MATRIX_BT=XMg=0.45", "MATRIX_PL=An=0.3",
                        "EQUILIBRIA=grt-bt-hw00,gasp", "ZONES=15", "SAMPLES=300",
                        f"OUTPUT={out}")
    assert "IDEAL garnet" in proc.stdout + proc.stderr
    assert "uncertainty not from the source" in proc.stdout
    assert len(read_table(out)) == 15
