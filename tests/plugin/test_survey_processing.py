"""readsurvey and cleansoundings on a GSF file: flag instead of delete, flags written back."""
import hashlib

import numpy as np
import pytest
from osgeo import ogr
from qgis.core import QgsProcessingException, QgsVectorLayer

from geoinverse.algorithms.bathymetry.gsf import read_gsf


@pytest.fixture(scope="module")
def gsf_file(data_dir):
    return data_dir / "gsf" / "EX1502L2_0175_4pings.gsf"


def features(path):
    return list(QgsVectorLayer(str(path), "x", "ogr").getFeatures())


def read_survey(run_algorithm, gsf_file, out, **params):
    return run_algorithm("geoinverse:readsurvey", {"INPUT": str(gsf_file),
                                                   "OUTPUT": str(out), **params})


def spike(path, beams, metres=800.0):
    """Make the chosen (ping, beam) soundings 800 m shoaler in the layer's Z."""
    ds = ogr.Open(str(path), 1)
    layer = ds.GetLayer(0)
    for f in layer:
        if (f["ping"], f["beam"]) in beams:
            g = f.GetGeometryRef()
            g.SetPoint(0, g.GetX(), g.GetY(), g.GetZ() + metres)
            f.SetGeometry(g)
            layer.SetFeature(f)
    ds = None


def test_read_survey_layer(run_algorithm, gsf_file, tmp_path):
    result = read_survey(run_algorithm, gsf_file, tmp_path / "beams.gpkg")
    beams = features(result["OUTPUT"])
    assert result["BEAMS"] == len(beams) == 1451 and result["PINGS"] == 4
    assert result["FLAGGED"] == 5
    assert sum(f["rejected"] == 1 for f in beams) == 5
    assert {f["gsf_state"] for f in beams} == {"accepted", "manual"}
    f = beams[100]
    assert f.geometry().constGet().z() == pytest.approx(-f["depth"])
    survey = read_gsf(gsf_file)
    i = f["ping"] * 432 + f["beam"]
    assert f.geometry().constGet().x() == pytest.approx(survey.lon[i])
    everything = read_survey(run_algorithm, gsf_file, tmp_path / "all.gpkg", KEEP_NULL=True)
    assert everything["BEAMS"] == 1728


def test_clean_gsf_flags_and_copy_round_trip(run_algorithm, gsf_file, tmp_path):
    before = hashlib.sha256(gsf_file.read_bytes()).hexdigest()
    layer = read_survey(run_algorithm, gsf_file, tmp_path / "beams.gpkg")["OUTPUT"]
    planted = {(1, 100), (2, 200), (3, 300)}
    spike(layer, planted)
    copy = tmp_path / "cleaned.gsf"
    result = run_algorithm("geoinverse:cleansoundings", {
        "INPUT": layer, "SURVEY": str(gsf_file), "SURVEY_OUTPUT": str(copy),
        "OUTPUT": str(tmp_path / "ok.gpkg"), "REJECTED": str(tmp_path / "bad.gpkg"),
        "FLAGGED": str(tmp_path / "flagged.gpkg")})
    ok, bad, flagged = (features(result[k]) for k in ("OUTPUT", "REJECTED", "FLAGGED"))
    assert len(ok) + len(bad) == len(flagged) == 1451
    assert sum(f["flag"] == "rejected" for f in flagged) == len(bad)
    rejected = {(f["ping"], f["beam"]) for f in flagged if f["flag"] == "rejected"}
    assert planted <= rejected
    assert all(f["reason"] for f in flagged if f["flag"] == "rejected")
    assert all(f["reason"] == "" for f in flagged if f["flag"] == "accepted")
    # the copy carries our rejections as filter flags; the input file is unchanged
    assert hashlib.sha256(gsf_file.read_bytes()).hexdigest() == before
    back, orig = read_gsf(copy), read_gsf(gsf_file)
    for p, b in rejected:
        i = p * 432 + b
        assert back.flag[i] == ("filter" if orig.flag[i] == "accepted" else orig.flag[i])
    changed = np.flatnonzero(back.flag_value != orig.flag_value)
    assert {(int(orig.ping[i]), int(orig.beam[i])) for i in changed} <= rejected
    assert len(changed) >= len(planted)


def test_taught_from_file_flags_needs_swath_fields(run_algorithm, gsf_file, tmp_path):
    layer = read_survey(run_algorithm, gsf_file, tmp_path / "beams.gpkg")["OUTPUT"]
    model = tmp_path / "m.npz"
    trained = run_algorithm("geoinverse:trainsoundingcleaner", {
        "INPUT": layer, "LABEL_FIELD": "rejected", "OUTPUT": str(model)})
    assert trained["TEACHER_SOUNDINGS"] == 1451 and trained["TEACHER_REJECTED"] == 5
    # a layer without ping / beam fields: a clear error, nothing written
    bare = tmp_path / "bare.gpkg"
    src = QgsVectorLayer(str(layer), "x", "ogr")
    from qgis.core import QgsVectorFileWriter, QgsCoordinateTransformContext
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.attributes = [src.fields().lookupField("depth")]
    QgsVectorFileWriter.writeAsVectorFormatV2(src, str(bare),
                                              QgsCoordinateTransformContext(), opts)
    # A layer still alive when the test process closes QGIS crashes it on exit.
    del src
    out = tmp_path / "never_ok.gpkg"
    with pytest.raises(QgsProcessingException, match="lack: ping, beam"):
        run_algorithm("geoinverse:cleansoundings", {
            "INPUT": str(bare), "MODEL": str(model), "OUTPUT": str(out),
            "REJECTED": str(tmp_path / "never_bad.gpkg")})
    assert not out.exists()


def test_bad_survey_files_write_nothing(run_algorithm, gsf_file, tmp_path):
    cut = tmp_path / "cut.gsf"
    cut.write_bytes(gsf_file.read_bytes()[:30000])
    out = tmp_path / "never.gpkg"
    with pytest.raises(QgsProcessingException, match="truncated"):
        read_survey(run_algorithm, cut, out)
    assert not out.exists()
    text = tmp_path / "not.gsf"
    text.write_text("lon,lat,depth\n1,2,3\n" * 10)
    with pytest.raises(QgsProcessingException, match="not a GSF file|truncated"):
        read_survey(run_algorithm, text, out)
    assert not out.exists()
    # a flagged copy asked of a survey file the layer did not come from
    layer = read_survey(run_algorithm, gsf_file, tmp_path / "beams.gpkg")["OUTPUT"]
    copy = tmp_path / "copy.gsf"
    with pytest.raises(QgsProcessingException, match="truncated"):
        run_algorithm("geoinverse:cleansoundings", {
            "INPUT": layer, "SURVEY": str(cut), "SURVEY_OUTPUT": str(copy),
            "OUTPUT": str(tmp_path / "ok.gpkg"), "REJECTED": str(tmp_path / "bad.gpkg")})
    assert not copy.exists() and not (tmp_path / "ok.gpkg").exists()
