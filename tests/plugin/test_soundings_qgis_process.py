"""Soundings end to end through qgis_process.bin: clean a real cut, then grid it."""
import numpy as np
from osgeo import gdal, ogr


def feature_count(path):
    ds = ogr.Open(str(path))  # keep the dataset alive while its layer is used
    return ds.GetLayer().GetFeatureCount()


def test_clean_then_grid_real_soundings(qgis_process, data_dir, tmp_path):
    src = str(data_dir / "ship15_cut.gpkg")
    ok, bad = tmp_path / "ok.gpkg", tmp_path / "bad.gpkg"
    result = qgis_process.json("run", "geoinverse:cleansoundings", "--", f"INPUT={src}",
                               "ORDER=2", f"OUTPUT={ok}", f"REJECTED={bad}")["results"]
    kept, rejected = feature_count(ok), feature_count(bad)
    assert kept + rejected == 4907
    assert result["ACCEPTED_COUNT"] == kept and result["REJECTED_COUNT"] == rejected
    assert rejected < 0.02 * 4907  # a real, already-edited survey: few blunders
    depth, count = tmp_path / "depth.tif", tmp_path / "count.tif"
    qgis_process("run", "geoinverse:gridsoundings", "--", f"INPUT={ok}", "CELL_SIZE=0.02",
                 "STATISTIC=median", f"OUTPUT={depth}", f"COUNT={count}",
                 f"STDDEV={tmp_path / 'sd.tif'}")
    grid = gdal.Open(str(depth))
    assert grid.GetRasterBand(1).DataType == gdal.GDT_Float32
    assert np.nansum(gdal.Open(str(count)).ReadAsArray()) == kept
    values = grid.ReadAsArray()
    assert -3430 <= np.nanmin(values) and np.nanmax(values) <= -1830


def test_soundings_algorithms_listed_with_help(qgis_process):
    listing = qgis_process("list").stdout
    for name in ("cleansoundings", "trainsoundingcleaner", "gridsoundings"):
        assert f"geoinverse:{name}" in listing
    text = qgis_process("help", "geoinverse:cleansoundings").stdout
    for word in ("DEPTH_FIELD", "ORDER", "MODEL", "REJECTED", "S-44"):
        assert word in text
