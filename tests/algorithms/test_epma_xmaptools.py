"""XMapTools projects: reader, wt%-spot standardisation, denoising, spatial FCM (no QGIS).

The projects in tests/data/epma/xmaptools-synthetic (a zoned-grain project with its truth)
and xmaptools-qntmap (qntmap's example converted) are written by
scripts/make_xmaptools_example.py (see tests/data/SOURCES.md).
"""
import shutil
from pathlib import Path
from itertools import permutations

import numpy as np
import pytest

from geoinverse.algorithms.errors import InputError
from geoinverse.algorithms.petrology import countdenoise, epma, phases, quantify, xmaptools
from geoinverse.algorithms.raster import read_array

DATA = Path(__file__).resolve().parent.parent / "data"

SYNTH = DATA / "epma" / "xmaptools-synthetic"
QNTMAP = DATA / "epma" / "xmaptools-qntmap"


def truth_spots(folder):
    rows = [line.split() for line in (folder / "truth_spots.txt").read_text().splitlines()[1:]]
    return rows


@pytest.fixture(scope="module")
def synth():
    maps, spots, dropped = epma.load(str(SYNTH))
    result = phases.classify(maps, spots, "spots")
    return maps, spots, dropped, result


def test_reader_reads_maps_standards_and_classification(synth):
    maps, spots, dropped, _ = synth
    assert maps.elements == ["Al", "Fe", "K", "Mg", "Si"] and maps.shape == (64, 64)
    assert maps.counts["Mg"][0, 0] == np.loadtxt(SYNTH / "Mg.txt")[0, 0]
    assert spots.oxides == ["SiO2", "Al2O3", "FeO", "MgO", "K2O"]
    assert spots.elements == ["Si", "Al", "Fe", "Mg", "K"]
    assert dropped == [] and spots.inside.all()
    assert maps.frame == pytest.approx((56.739, 56.867, 43.499, 43.371))
    assert maps.classification["phases"] == ["Qtz", "Ctd", "Phe"]
    assert maps.classification["densities"] == {"Qtz": 2.65, "Ctd": 3.58, "Phe": 2.83}
    # Classification.txt gives x y as 1-based column, row
    first = (SYNTH / "Classification.txt").read_text().splitlines()[1].split()
    assert maps.classification["pixels"][0] == (int(first[2]) - 1, int(first[1]) - 1)
    assert np.isnan(spots.net["MgO"]).all() and not quantify.has_intensities(spots)


def test_spots_sit_on_their_known_pixels(synth):
    _, spots, _, _ = synth
    truth = truth_spots(SYNTH)
    assert [int(t[1]) for t in truth] == spots.row.tolist()
    assert [int(t[2]) for t in truth] == spots.col.tolist()


def test_frame_formula_row_zero_at_the_y2_edge():
    # frame X1 X2 Y1 Y2 = 10 20 5 1 on a 4 (rows) x 5 (columns) map
    frame, shape = (10.0, 20.0, 5.0, 1.0), (4, 5)
    col, row = xmaptools.frame_pixels([10.0, 20.0, 13.0], [1.0, 5.0, 2.5], frame, shape)
    assert col.tolist() == [0.0, 5.0, 1.5] and row.tolist() == [0.0, 4.0, 1.5]
    r, c, inside = xmaptools.pixel_index([10.0, 20.0, 13.0, 21.0], [1.0, 5.0, 2.5, 2.0],
                                         frame, shape)
    assert r.tolist()[:3] == [0, 3, 1] and c.tolist()[:3] == [0, 4, 1]
    assert inside.tolist() == [True, True, True, False]


def test_converted_qntmap_places_spots_where_qntmap_does():
    maps, spots, dropped = epma.load(str(QNTMAP))
    jeol_maps, jeol, _ = epma.load(str(DATA / "epma" / "qntmap-minimal"))
    assert dropped == []
    assert spots.row.tolist() == jeol.row.tolist() and spots.col.tolist() == jeol.col.tolist()
    for el in ("Si", "Mg"):
        assert np.array_equal(maps.counts[el], jeol_maps.counts[el])
    result = phases.classify(maps, spots, "spots")
    assert result.method == "poisson-lda-seeds"
    jeol_result = phases.classify(jeol_maps, jeol, "spots")
    assert np.mean(result.labels == jeol_result.labels) > 0.999


def test_mapset_folder_and_spot_layer_as_for_jeol(tmp_path):
    from osgeo import ogr
    maps, spots, _ = epma.import_mapset(str(SYNTH), str(tmp_path / "set"),
                                        points_path=str(tmp_path / "spots.fgb"))
    back, back_spots = epma.read_mapset(str(tmp_path / "set"))
    assert back.frame == maps.frame and back.classification == maps.classification
    assert np.array_equal(back.counts["Mg"], maps.counts["Mg"])
    assert back_spots.row.tolist() == spots.row.tolist()
    mg = read_array(str(tmp_path / "set" / "Mg.tif"))
    assert mg[1] is None and mg[2] == "" and np.array_equal(mg[0], maps.counts["Mg"])
    epma.import_mapset(str(DATA / "epma" / "qntmap-minimal"), str(tmp_path / "jeol"),
                       points_path=str(tmp_path / "jeol.fgb"))

    def fields(source):
        layer = source.GetLayer(0)
        d = layer.GetLayerDefn()
        names = [d.GetFieldDefn(i).GetName() for i in range(d.GetFieldCount())]
        return names, layer.GetFeatureCount(), layer

    ours_ds, theirs_ds = ogr.Open(str(tmp_path / "spots.fgb")), ogr.Open(str(tmp_path / "jeol.fgb"))
    ours, n, layer = fields(ours_ds)
    theirs, _, _ = fields(theirs_ds)
    generic = [f.replace("SiO2", "OX").replace("MgO", "OX").replace("Si_", "EL_")
               .replace("Mg_", "EL_") for f in theirs]
    assert ours[:5] == theirs[:5] == ["id", "phase", "row", "col", "inside"]
    assert {f.split("_")[-1] for f in ours[5:]} == {f.split("_")[-1] for f in generic[5:]}
    assert n == len(spots)
    feature = layer.GetNextFeature()
    point = feature.GetGeometryRef()
    assert point.GetX() == feature.GetField("col") + 0.5
    assert feature.GetField("Mg_map") == maps.counts["Mg"][feature.GetField("row"),
                                                          feature.GetField("col")]


# -- bad input: the error names file and line, nothing is written -----------------------
def _copy(tmp_path):
    target = tmp_path / "project"
    shutil.copytree(SYNTH, target)
    return target


def _refused(target, tmp_path, *patterns):
    out = tmp_path / "out"
    with pytest.raises(InputError) as error:
        epma.import_mapset(str(target), str(out))
    for pattern in patterns:
        assert pattern in str(error.value), str(error.value)
    assert not out.exists()
    return str(error.value)


def test_maps_of_different_sizes(tmp_path):
    target = _copy(tmp_path)
    lines = (target / "Fe.txt").read_text().splitlines()
    (target / "Fe.txt").write_text("\n".join(lines[:50]) + "\n")
    _refused(target, tmp_path, "Fe.txt line 50", "different sizes")


def test_map_with_a_short_row(tmp_path):
    target = _copy(tmp_path)
    lines = (target / "Mg.txt").read_text().splitlines()
    lines[9] = " ".join(lines[9].split()[:-1])
    (target / "Mg.txt").write_text("\n".join(lines) + "\n")
    _refused(target, tmp_path, "Mg.txt line 10", "63 numbers")


def test_spot_outside_the_frame(tmp_path):
    target = _copy(tmp_path)
    lines = (target / "Standards.txt").read_text().splitlines()
    k = lines.index(">3") + 3
    values = lines[k].split("\t")
    values[-2] = "57.5"
    lines[k] = "\t".join(values)
    (target / "Standards.txt").write_text("\n".join(lines) + "\n")
    _refused(target, tmp_path, f"Standards.txt line {k + 1}", "outside the map frame")


def test_oxide_without_a_map(tmp_path):
    target = _copy(tmp_path)
    (target / "K.txt").unlink()
    _refused(target, tmp_path, "Standards.txt line 5", "K2O has no map")


def test_standards_missing_a_block(tmp_path):
    target = _copy(tmp_path)
    text = (target / "Standards.txt").read_text()
    (target / "Standards.txt").write_text(text.split(">3")[0])
    _refused(target, tmp_path, "Standards.txt", "no '>3' block", "ends at line")
    (target / "Standards.txt").write_text(text.replace(">2", "#"))
    _refused(target, tmp_path, "Standards.txt", "'>2'")


def test_spot_row_with_a_missing_value(tmp_path):
    target = _copy(tmp_path)
    lines = (target / "Standards.txt").read_text().splitlines()
    k = lines.index(">3") + 1
    lines[k] = "\t".join(lines[k].split("\t")[1:])
    (target / "Standards.txt").write_text("\n".join(lines) + "\n")
    _refused(target, tmp_path, f"Standards.txt line {k + 1}", "6 values")


# -- standardisation from wt% spots -----------------------------------------------------
def test_wt_spot_quantification_writes_the_outputs(tmp_path):
    params, paths, bulk, names = quantify.quantify_mapset(str(SYNTH), str(tmp_path / "q"))
    assert names == ["Qtz", "Ctd", "Phe"] and params.mode == "wt-spots"
    for name in ("SiO2", "MgO", "FeO", "Total", "MgO_se", "Total_se", "counts_Mg",
                 "counts_Mg_se", "parameters"):
        assert (tmp_path / "q" / paths[name].split("/")[-1]).exists(), name
    mgo = read_array(paths["MgO"])[0]
    truth = np.loadtxt(SYNTH / "truth_MgO.txt")
    labels = np.loadtxt(SYNTH / "truth_labels.txt")
    from scipy.ndimage import binary_erosion
    core = binary_erosion(labels == 1, np.ones((5, 5), bool))
    assert np.sqrt(np.mean((mgo - truth)[core] ** 2)) < 0.5
    pixelwise = quantify.quantify_mapset(str(SYNTH), str(tmp_path / "p"), denoise="none")[1]
    raw = read_array(pixelwise["MgO"])[0]
    assert np.sqrt(np.mean((mgo - truth)[core] ** 2)) < 0.5 * np.sqrt(
        np.mean((raw - truth)[core] ** 2))
    # the inclusion-hit spot is rejected by the robust fit
    outlier = [int(t[0]) for t in truth_spots(SYNTH) if t[4] == "1"]
    assert outlier[0] in params.rejected
    # standard errors: the denoised counts' error enters the wt% error
    se = read_array(paths["MgO_se"])[0]
    assert np.all(np.isfinite(se)) and np.all(se > 0)
    assert np.median(se[core]) < np.median(read_array(pixelwise["MgO_se"])[0][core])
    text = (tmp_path / "q" / "parameters.csv").read_text().splitlines()
    assert text[0] == "oxide,element,phase,alpha,beta,gamma,spots,pooled"
    assert len(text) == 1 + 5 * 3


def test_left_out_spots_denoised_beat_pixelwise(synth):
    maps, spots, _, result = synth
    outlier = [int(t[0]) - 1 for t in truth_spots(SYNTH) if t[4] == "1"]
    keep = np.ones(len(spots), bool)
    keep[outlier] = False
    rmse = {}
    for mode in ("none", "mean3", "poisson"):
        e = quantify.left_out_errors(maps, spots, result.membership, result.phases, mode)
        rmse[mode] = {ox: float(np.sqrt(np.nanmean(v[keep] ** 2))) for ox, v in e.items()}
    for ox in ("MgO", "FeO", "SiO2"):
        assert rmse["poisson"][ox] < 0.7 * rmse["none"][ox], (ox, rmse)
        assert rmse["poisson"][ox] < rmse["mean3"][ox], (ox, rmse)
    assert rmse["poisson"]["MgO"] <= 0.55 and rmse["poisson"]["FeO"] <= 0.85


def test_phase_with_few_spots_is_pooled():
    rng = np.random.default_rng(1)
    x_a = rng.uniform(10, 50, 8)
    x_b = np.array([20.0, 30.0])
    x = np.concatenate([x_a, x_b])
    y = np.concatenate([0.1 * (x_a - 2), 0.1 * (x_b - 5)]) + 0.01 * rng.standard_normal(10)
    phase = np.array(["A"] * 8 + ["B"] * 2, dtype=object)
    fits, rejected = quantify.fit_wt_lines({"MgO": x}, {"MgO": y}, phase, ["A", "B", "C"])
    assert fits["MgO", "A"].pooled == "" and fits["MgO", "A"].a == pytest.approx(0.1, rel=0.02)
    assert fits["MgO", "B"].pooled == "alpha"
    assert fits["MgO", "B"].g == pytest.approx(5.0, abs=0.5)
    assert fits["MgO", "C"].pooled == "alpha+gamma"
    y[3] += 5.0       # an outlier in A is rejected
    fits, rejected = quantify.fit_wt_lines({"MgO": x}, {"MgO": y}, phase, ["A", "B"])
    assert rejected["MgO"].tolist() == [3]
    assert fits["MgO", "A"].a == pytest.approx(0.1, rel=0.02)


# -- denoising --------------------------------------------------------------------------
def test_denoising_keeps_a_sharp_boundary_and_its_errors_are_calibrated():
    rng = np.random.default_rng(3)
    lam = np.full((80, 80), 3.0)
    lam[:, 40:] = 120.0
    lam[:, :40] += np.linspace(0, 2, 80)[:, None]        # a gentle gradient in phase 1
    f = rng.poisson(lam).astype(float)
    m = np.stack([np.where(lam < 50, 1.0, 0.0), np.where(lam < 50, 0.0, 1.0)])
    m = 0.97 * m + 0.015              # soft, as classifiers leave them
    u, se, widths = countdenoise.denoise_counts(f, m)
    step = 120.0 - 3.0
    for cols in ((38, 39), (40, 41)):
        assert abs(np.mean(u[:, cols] - lam[:, cols])) < 0.01 * step
    raw = np.sqrt(np.mean((f - lam) ** 2))
    assert np.sqrt(np.mean((u - lam) ** 2)) < 0.3 * raw
    assert 0.7 < np.std((u - lam) / se) < 1.4
    m3 = countdenoise.mean3(f)[0]
    assert abs(np.mean(m3[:, 39] - lam[:, 39])) > 0.2 * step     # 3x3 means bleed


def test_denoising_refuses_bad_maps():
    m = np.ones((1, 4, 4))
    with pytest.raises(InputError, match="negative"):
        countdenoise.denoise_counts(-np.ones((4, 4)), m)
    with pytest.raises(InputError, match="differ in size"):
        countdenoise.denoise_counts(np.ones((5, 4)), m)
    with pytest.raises(InputError, match="DENOISE must be one of"):
        quantify.prepare_counts(epma.MapSet(["Mg"], {"Mg": np.ones((4, 4))}, 1.0, 1e-6), m,
                                ["Mg"], "tv")


# -- spatial fuzzy c-means ---------------------------------------------------------------
def best_accuracy(labels, truth, k):
    return max(float(np.mean(np.array(p)[labels] == truth)) for p in permutations(range(k)))


def test_spatial_fcm_matches_truth_like_the_mixture_and_grades_boundaries(synth):
    maps = synth[0]
    truth = np.loadtxt(SYNTH / "truth_labels.txt").astype(int)
    fcm = phases.classify(maps, None, "sfcm", n_phases=3)
    assert fcm.method == "spatial-fcm" and fcm.phases == ["P1", "P2", "P3"]
    assert fcm.membership.shape == (3, 64, 64)
    assert np.allclose(fcm.membership.sum(axis=0), 1.0)
    gmm = phases.classify(maps, None, "mixture", n_phases=3)
    acc_fcm = best_accuracy(fcm.labels, truth, 3)
    assert acc_fcm >= best_accuracy(gmm.labels, truth, 3) and acc_fcm > 0.98
    boundary = np.zeros(truth.shape, bool)
    boundary[:, 1:] |= truth[:, 1:] != truth[:, :-1]
    boundary[:, :-1] |= truth[:, 1:] != truth[:, :-1]
    boundary[1:] |= truth[1:] != truth[:-1]
    boundary[:-1] |= truth[1:] != truth[:-1]
    top = fcm.membership.max(axis=0)
    # graded where phases meet (grain rims hold mixed pixels), crisp inside
    assert top[boundary].mean() < top[~boundary].mean() - 0.03
    assert np.mean(top[boundary] < 0.9) > 0.1 and np.mean(top[~boundary] < 0.9) < 0.01
    assert top[~boundary].mean() > 0.99
    plain = phases.classify_sfcm(maps, 3, spatial=0.0)
    assert plain.membership.max(axis=0)[~boundary].mean() < top[~boundary].mean()


def test_spatial_fcm_parameters_are_checked(synth):
    maps = synth[0]
    for kwargs, text in (({"m": 1.0}, "fuzziness"), ({"spatial": -1}, "spatial weight"),
                         ({"window": 4}, "odd window")):
        with pytest.raises(InputError, match=text):
            phases.classify_sfcm(maps, 3, **kwargs)


def test_spot_classification_without_names_or_seeds_is_refused(synth):
    maps, spots, _, _ = synth
    bare = epma.MapSet(maps.elements, maps.counts, maps.dwell_ms, maps.current_a)
    with pytest.raises(InputError, match="no phase names"):
        phases.classify(bare, spots, "spots")
