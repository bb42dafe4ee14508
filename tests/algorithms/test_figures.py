"""Hillshade lighting direction, and panel pictures written as PNG."""
import numpy as np

from geoinverse.algorithms.figures import hillshade, relief_panels


def plane(dz_east, dz_south):
    rows, cols = np.mgrid[0:20, 0:20].astype(float)
    return dz_east * cols + dz_south * rows


def test_slope_facing_the_northwest_sun_is_brightest():
    facing_sun = hillshade(plane(0.5, 0.5))      # rises to the SE: faces NW
    facing_away = hillshade(plane(-0.5, -0.5))   # rises to the NW: faces SE
    flat = hillshade(plane(0, 0))
    assert facing_sun.mean() > flat.mean() > facing_away.mean()
    assert np.allclose(flat, np.sin(np.radians(45)))


def test_geographic_cells_are_converted_to_metres():
    a = plane(10.0, 0.0)
    degrees = hillshade(a, (0, 0.01, 0, 10, 0, -0.01), "")   # ~1.1 km cells: gentle
    metres = hillshade(a, (0, 1.0, 0, 10, 0, -1.0), 'LOCAL_CS["m",UNIT["metre",1]]')
    assert abs(degrees.mean() - np.sin(np.radians(45))) < abs(metres.mean() - np.sin(np.radians(45)))


def test_relief_panels_png(data_dir, tmp_path):
    from geoinverse.algorithms.raster import read_array
    a, gt, crs, _ = read_array(data_dir / "azores_1m.tif")
    out = relief_panels([{"array": a, "title": "grid", "geotransform": gt, "crs": crs},
                         {"array": a - a.mean(), "title": "diff", "kind": "difference"}],
                        tmp_path / "p.png", title="test")
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out == tmp_path / "p.png"
