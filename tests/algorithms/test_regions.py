"""The held-out protocol shared by every learned method (training/regions.py)."""
from geoinverse.training import regions


def test_no_training_region_overlaps_a_held_out_one():
    regions.check_disjoint()
    names = [r.name for r in regions.TRAINING + regions.HELD_OUT]
    assert len(names) == len(set(names))


def test_overlap_is_detected_across_the_antimeridian():
    a = regions.Region("a", (350, 370), (0, 10))
    b = regions.Region("b", (-5, 5), (5, 15))
    c = regions.Region("c", (20, 30), (0, 10))
    assert a.overlaps(b) and b.overlaps(a) and not a.overlaps(c)


def test_held_out_grids_are_in_the_repository():
    for r in regions.HELD_OUT:
        assert (regions.DATA / r.file).exists(), r.file


def test_network_regions_are_held_out_by_survey():
    """Surveys are held out whole: no survey is both trained on and held out, and every
    held-out grid is in the repository."""
    train = {r.name for r in regions.NETWORK_TRAINING}
    held = {r.name for r in regions.NETWORK_HELD_OUT}
    assert not train & held
    files = {r.file for r in regions.NETWORK_TRAINING if r.file}
    assert not files & {r.file for r in regions.NETWORK_HELD_OUT}
    for r in regions.NETWORK_HELD_OUT + regions.SURVEY_TRAINING:
        assert (regions.DATA / r.file).exists(), r.file


def test_planted_spikes_are_masked():
    """The Timor Sea QC surface's planted spikes (cells more than 1 m beyond all 8
    neighbours) leave none behind after mask_spikes, and few cells are lost."""
    import numpy as np
    from scipy import ndimage
    from geoinverse.algorithms.raster import RasterReader
    (region,) = [r for r in regions.SURVEY_TRAINING if r.clean == "spikes"]
    with RasterReader(regions.DATA / region.file) as reader:
        raw = reader.read_all().astype(np.float64)
    clean = regions.grid(region)

    def spikes(z):
        ring = np.ones((3, 3), bool)
        ring[1, 1] = False
        hi = ndimage.maximum_filter(np.where(np.isfinite(z), z, -np.inf), footprint=ring)
        lo = ndimage.minimum_filter(np.where(np.isfinite(z), z, np.inf), footprint=ring)
        ok = np.isfinite(z) & np.isfinite(hi) & np.isfinite(lo)
        return ok & ((z > hi + 1.0) | (z < lo - 1.0))
    assert spikes(raw).sum() >= 40                 # the survey's spikes are there...
    assert spikes(clean).sum() == 0                # ...and none is left
    lost = np.isfinite(raw).sum() - np.isfinite(clean).sum()
    assert 0 < lost < 0.05 * np.isfinite(raw).sum()
    assert np.nanmax(clean) < np.nanmax(raw) - 10
