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
