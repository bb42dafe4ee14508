"""Profiles along a line over non-georeferenced EPMA maps (qntmap's quantified SiO2 and
MgO maps of its example, tests/data/epma/qntmap-minimal-reference) and a georeferenced
grid (azores_1m.tif)."""
import numpy as np
import pytest

from geoinverse.algorithms import profile
from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.raster import read_array, write_array


@pytest.fixture
def maps(tmp_path, epma_reference):
    paths = []
    for oxide in ("SiO2", "MgO"):
        a = np.loadtxt(epma_reference / "qntmap" / f"{oxide}.csv", delimiter=",")
        paths.append(str(write_array(str(tmp_path / f"{oxide}.tif"), a)))
    return paths


def test_horizontal_line_reads_the_row(maps, epma_reference):
    ref = np.loadtxt(epma_reference / "qntmap" / "SiO2.csv", delimiter=",")
    # pixel centres of row 10: x = col + 0.5, y = -(10 + 0.5)
    t = profile.profile(maps, [(0.5, -10.5), (99.5, -10.5)], step=1.0, width=1.0)
    assert len(t["distance"]) == 100
    np.testing.assert_allclose(t["SiO2"], ref[10], rtol=1e-6)
    assert set(t) == {"distance", "x", "y", "SiO2", "MgO", "n"}


def test_vertical_line_with_width_averages_across(maps, epma_reference):
    ref = np.loadtxt(epma_reference / "qntmap" / "MgO.csv", delimiter=",")
    t = profile.profile(maps, [(20.5, -0.5), (20.5, -99.5)], step=2.0, width=3.0)
    expected = ref[::2, 19:22].mean(axis=1)
    np.testing.assert_allclose(t["MgO"], expected, rtol=1e-6)
    assert (t["n"] == 3).all()


def test_polyline_distances_and_outside_points(maps):
    t = profile.profile(maps, [(90.5, -50.5), (110.5, -50.5), (110.5, -70.5)], step=5.0,
                        width=0.0)
    np.testing.assert_allclose(t["distance"], np.arange(0, 40.1, 5.0))
    assert np.isfinite(t["SiO2"][:2]).all() and np.isnan(t["SiO2"][2:]).all()
    assert (t["n"][2:] == 0).all()


def test_georeferenced_grid(data_dir):
    path = str(data_dir / "azores_1m.tif")
    a, gt, _, _ = read_array(path)
    x0, dx, _, y0, _, dy = gt
    row = 40
    y = y0 + (row + 0.5) * dy
    t = profile.profile([path], [(x0 + 0.5 * dx, y), (x0 + 99.5 * dx, y)], step=dx,
                        width=0.0)
    np.testing.assert_allclose(t["azores_1m"], a[row, :100], rtol=1e-6)


def test_bad_input(maps, tmp_path):
    with pytest.raises(InputError, match="does not cross"):
        profile.profile(maps, [(200, 10), (300, 10)])
    with pytest.raises(InputError, match="two vertices"):
        profile.profile(maps, [(1, 1)])
    with pytest.raises(InputError, match="zero length"):
        profile.profile(maps, [(1, -1), (1, -1)])
    small = str(write_array(str(tmp_path / "small.tif"), np.ones((5, 5), np.float32)))
    with pytest.raises(InputError, match="one map set"):
        profile.profile(maps + [small], [(0.5, -0.5), (4.5, -0.5)])
    out = tmp_path / "p.csv"
    with pytest.raises(InputError):
        profile.run_profile(maps, [(200, 10), (300, 10)], str(out))
    assert not out.exists()
