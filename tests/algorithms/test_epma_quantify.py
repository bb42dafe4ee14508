"""qntmap parity on its own example, and the bad inputs of issue #7 (no QGIS)."""
import csv
import shutil

import numpy as np
import pytest

from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.petrology import epma, phases, quantify
from geoinverse.algorithms.raster import read_array


@pytest.fixture(scope="module")
def run(epma_example):
    maps, spots, dropped = epma.load(str(epma_example))
    result = phases.classify(maps, spots, "spots")
    params = quantify.fit_parameters(spots, maps, result.membership, result.phases)
    wt = quantify.quantify(maps, params, result.membership)
    return maps, spots, dropped, result, params, wt


def matrix(path):
    return np.loadtxt(path, delimiter=",", dtype=float)


def test_reader_conditions(run):
    maps, spots, dropped, *_ = run
    assert maps.elements == ["Si", "Mg"]
    assert maps.shape == (100, 100)
    assert maps.dwell_ms == 100 and maps.current_a == 1e-7
    assert maps.step_um == (1000.0, 1000.0)
    assert len(spots) == 40 and dropped == [] and spots.inside.all()
    assert sorted(set(spots.phase)) == ["Ol", "Qtz"]
    assert spots.peak_s == {"SiO2": 10.0, "MgO": 10.0}


def test_parameters_match_qntmap(run, epma_reference):
    params = run[4]
    with open(epma_reference / "parameters.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4
    for row in rows:
        key = (row["oxide"], row["phase"])
        for ours, theirs in ((params.alpha[key], row["alpha"]),
                             (params.beta[row["oxide"]], row["beta"]),
                             (params.gamma[key], row["gamma"])):
            assert ours == pytest.approx(float(theirs), rel=1e-9, abs=1e-9)
    assert params.pooled["MgO", "Qtz"] == "alpha"


def test_centers_and_labels_match_qntmap(run, epma_reference):
    result = run[3]
    assert result.phases == ["Ol", "Qtz"]
    np.testing.assert_allclose(result.info["centers"], [[4263.8, 5722.45], [10002, 0]])
    labels = np.loadtxt(epma_reference / "cluster" / "labels.csv", delimiter=",", dtype=str)
    ours = np.array(result.phases)[result.labels]
    assert (ours == labels).all()
    for k, name in enumerate(result.phases):
        theirs = matrix(epma_reference / "cluster" / f"membership_{name}.csv")
        np.testing.assert_allclose(result.membership[k], theirs, atol=1e-12)


@pytest.mark.parametrize("name", ["SiO2", "MgO", "Total"])
def test_maps_match_qntmap(run, epma_reference, name):
    wt = run[5]
    theirs = matrix(epma_reference / "qntmap" / f"{name}.csv")
    assert np.abs(wt[name] - theirs).max() < 1e-6      # bar: 0.01 wt%
    se = matrix(epma_reference / "qntmap" / f"{name}_se.csv")
    np.testing.assert_allclose(wt[name + "_se"], se, rtol=1e-9, atol=1e-15)


def test_phase_means_match_qntmap(run):
    result, wt = run[3], run[5]
    ol = result.labels == 0
    assert ol.sum() == 9000
    assert wt["SiO2"][ol].mean() == pytest.approx(42.7144434166004, abs=1e-6)
    assert wt["MgO"][ol].mean() == pytest.approx(57.2104812292411, abs=1e-6)
    assert wt["SiO2"][~ol].mean() == pytest.approx(99.9175294100617, abs=1e-6)


def test_mapset_roundtrip_keeps_parity(run, epma_reference, tmp_path):
    """loadepma's float32 cps/uA GeoTIFFs reproduce qntmap too."""
    maps, spots = run[0], run[1]
    paths = epma.write_mapset(maps, spots, str(tmp_path / "set"), str(tmp_path / "spots.gpkg"))
    array, gt, crs, _ = read_array(paths["Si"])
    assert gt is None and crs == ""
    np.testing.assert_allclose(array, maps.counts["Si"] * 100, rtol=1e-7)
    maps2, spots2, _ = epma.load(str(tmp_path / "set"))
    result = phases.classify(maps2, spots2, "spots")
    params = quantify.fit_parameters(spots2, maps2, result.membership, result.phases)
    assert params.beta["SiO2"] == pytest.approx(99.8846549614383, rel=1e-6)
    wt = quantify.quantify(maps2, params, result.membership)
    assert np.abs(wt["Total"] - matrix(epma_reference / "qntmap" / "Total.csv")).max() < 1e-3


def test_deadtime_correction():
    counts = np.array([[1000.0, 0.0]])
    out = epma.correct_deadtime(counts, 1000, 100)     # 1 us dead time, 0.1 s dwell
    assert out[0, 0] == pytest.approx(1000 / (1 - 1e-6 / 0.1 * 1000))
    assert out[0, 1] == 0
    with pytest.raises(InputError, match="diverges"):
        epma.correct_deadtime(np.array([[2e5]]), 1000, 100)


def test_spot_poisson_outlier_is_rejected(epma_example):
    maps, spots, _ = epma.load(str(epma_example))
    spots.pkint["SiO2"][0] *= 0.5     # a spot whose peak disagrees with its pixel
    table = quantify.spot_table(spots, maps)
    flags = quantify.find_outliers(table, spots.inside)
    assert flags[0] and flags.sum() == 1


# -- bad input --------------------------------------------------------------------------
def copy_example(epma_example, tmp_path):
    target = tmp_path / "set"
    shutil.copytree(epma_example, target)
    return target


def test_maps_of_different_sizes(epma_example, tmp_path):
    target = copy_example(epma_example, tmp_path)
    path = target / ".map" / "1" / "2_map.txt"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-1]) + "\n")
    with pytest.raises(InputError, match="different sizes"):
        epma.load(str(target))


def test_missing_condition_value(epma_example, tmp_path):
    target = copy_example(epma_example, tmp_path)
    path = target / "conditions_xmap.csv"
    text = path.read_text().replace(",100,1E-07,", ",100,,")
    path.write_text(text)
    with pytest.raises(InputError, match="Probe current"):
        epma.read_maps(str(path))


def test_spot_outside_map_is_reported_and_not_used_for_beta(epma_example):
    maps, spots, _ = epma.load(str(epma_example))
    spots.x_mm[0] = 150.0                        # row 150 of a 100-row map
    epma.locate_spots(spots, maps)
    assert not spots.inside[0] and spots.inside[1:].all()
    result = phases.classify(maps, spots, "spots")
    params = quantify.fit_parameters(spots, maps, result.membership, result.phases)
    assert np.isfinite(params.beta["SiO2"])
    assert params.n_beta["SiO2"] == 39


def test_element_without_map_is_an_error(epma_example):
    maps, spots, _ = epma.load(str(epma_example))
    del maps.counts["Mg"]
    maps.elements.remove("Mg")
    membership = np.ones((1,) + maps.shape)
    with pytest.raises(InputError, match="Mg, which has no map"):
        quantify.fit_parameters(spots, maps, membership, ["Ol"])


def test_phase_with_one_spot_pools_alpha(epma_example):
    maps, spots, _ = epma.load(str(epma_example))
    keep = (spots.phase == "Ol") | (spots.ids == spots.ids[spots.phase == "Qtz"][0])
    epma.subset(spots, keep)
    result = phases.classify(maps, spots, "spots")
    params = quantify.fit_parameters(spots, maps, result.membership, result.phases)
    assert params.n_spots["SiO2", "Qtz"] == 1
    assert params.pooled["SiO2", "Qtz"] == "alpha"
    a_all, _ = quantify.origin_fit(spots.net["SiO2"], spots.wt["SiO2"])
    assert params.alpha["SiO2", "Qtz"] == a_all
    assert params.gamma["SiO2", "Qtz"] == pytest.approx(spots.background("SiO2")[~(spots.phase == "Ol")][0])


def test_phase_without_spots_pools_alpha_and_gamma(run):
    maps, spots, _, result = run[:4]
    membership = np.concatenate([result.membership, np.zeros((1,) + maps.shape)])
    params = quantify.fit_parameters(spots, maps, membership, result.phases + ["Grt"])
    assert params.pooled["SiO2", "Grt"] == "alpha+gamma"
    assert params.gamma["SiO2", "Grt"] == pytest.approx(np.mean(spots.background("SiO2")))


def test_spot_phases_unknown_to_the_classification(run):
    maps, spots, _, result = run[:4]
    with pytest.raises(InputError, match="No spot phase"):
        quantify.fit_parameters(spots, maps, result.membership, ["P1", "P2"])


def test_regions_and_bulk(run, tmp_path):
    maps, spots, _, result = run[:4]
    regions = np.zeros(maps.shape, int)
    regions[:50] = 1
    params, paths, bulk = quantify.quantify_to_folder(
        maps, spots, result.phases, result.membership, str(tmp_path / "q"), regions,
        {1: "top"}, {"Ol": 3.3, "Qtz": 2.65})
    total = read_array(paths["Total"])[0]
    assert np.isnan(total[50:]).all() and np.isfinite(total[:50]).all()
    assert bulk[0][0] == 1 and bulk[0][2]["pixels"] == 5000
    with pytest.raises(InputError, match="no value for Qtz"):
        quantify.parse_densities("Ol=3.3", ["Ol", "Qtz"])


def test_mapped_element_without_spots_classifies_but_is_not_quantified(epma_example, tmp_path):
    target = copy_example(epma_example, tmp_path)
    folder = target / ".map" / "1"
    shutil.copy(folder / "1_map.txt", folder / "3_map.txt")
    (folder / "3.cnd").write_text((folder / "1.cnd").read_text().replace("Si", "Ca"))
    maps, spots, _ = epma.load(str(target))
    assert maps.elements == ["Si", "Mg", "Ca"]
    result = phases.classify(maps, spots, "spots")
    assert result.info["elements"] == ["Si", "Mg", "Ca"]
    params = quantify.fit_parameters(spots, maps, result.membership, result.phases)
    assert params.oxides == ["SiO2", "MgO"]
    wt = quantify.quantify(maps, params, result.membership, se=False)
    assert set(wt) == {"SiO2", "MgO", "Total"}


def test_unsupervised_mixture_finds_the_two_phases(run):
    maps, result = run[0], run[3]
    mixture = phases.classify(maps, method="mixture", n_phases=2)
    assert mixture.phases == ["P1", "P2"]
    # P1 has the lower Si counts: olivine
    agree = np.mean((mixture.labels == 0) == (result.labels == 0))
    assert agree > 0.99
    np.testing.assert_allclose(mixture.membership.sum(axis=0), 1.0, atol=1e-9)
    with pytest.raises(InputError, match="at least 2"):
        phases.classify(maps, method="mixture", n_phases=1)


def test_conditions_csv_with_single_element_rasters(epma_example, tmp_path):
    """qntmap's conditions_xmap.csv pointing at GeoTIFFs instead of JEOL text maps."""
    from geoinverse.algorithms.raster import write_array
    maps, *_ = epma.load(str(epma_example))
    for el in maps.elements:
        write_array(str(tmp_path / f"{el}.tif"), maps.counts[el])
    text = (epma_example / "conditions_xmap.csv").read_text()
    text = text.replace(".map/1/1_map.txt", "Si.tif").replace(".map/1/2_map.txt", "Mg.tif")
    (tmp_path / "conditions.csv").write_text(text)
    again = epma.read_maps(str(tmp_path / "conditions.csv"))
    assert again.elements == ["Si", "Mg"]
    assert again.dwell_ms == 100 and again.current_a == 1e-7 and again.step_um == (5.0, 5.0)
    np.testing.assert_array_equal(again.counts["Mg"], maps.counts["Mg"])


@pytest.mark.parametrize("source,title", [
    ("/data/garnet-7/.map/1", "garnet-7"), ("/data/runs/conditions_xmap.csv",
                                             "conditions_xmap"), ("", "set")])
def test_mapset_title_names_the_sample(tmp_path, source, title):
    import json
    folder = tmp_path / "set"
    folder.mkdir()
    (folder / epma.MAPSET_JSON).write_text(json.dumps({"source": source}))
    assert epma.mapset_title(folder) == title
    assert epma.mapset_title(tmp_path / "missing") == "missing"
