"""Shared block transforms: anchored lattices, shrinkage, cycle spinning."""
import numpy as np
import pytest

from geoinverse.algorithms import transforms
from geoinverse.algorithms.errors import InputError


def test_lattice_is_anchored_at_global_cell_zero():
    whole = transforms.WindowTiling((40, 40), (0, 0), 8, (4, 4))
    part = transforms.WindowTiling((24, 24), (13, 7), 8, (4, 4))
    grid = np.arange(1600.0).reshape(40, 40)
    # the window holding global cell (20, 20) starts at global (20, 20) in both
    w_whole = whole.windows(grid)[(20 + whole.pad[0][0]) // 8, :, (20 + whole.pad[1][0]) // 8]
    w_part = part.windows(grid[13:37, 7:31])[(7 + part.pad[0][0]) // 8, :,
                                             (13 + part.pad[1][0]) // 8]
    assert np.array_equal(w_whole, grid[20:28, 20:28])
    assert np.array_equal(w_part, grid[20:28, 20:28])
    assert np.array_equal(part.crop(part.windows(grid[13:37, 7:31])), grid[13:37, 7:31])


def test_transform_round_trip_and_cycle_spin_identity():
    rng = np.random.default_rng(1)
    z = rng.normal(size=(30, 37))
    coef = transforms.forward(z.reshape(1, 30, 37))
    np.testing.assert_allclose(transforms.inverse(coef)[0], z, atol=1e-12)
    same = transforms.cycle_spin(z, lambda c, t: c, (3, 5), 8, 2)
    np.testing.assert_allclose(same, z, atol=1e-12)


def test_shrinkage_rules():
    c = np.array([[[5.0, -3.0], [1.0, -0.5]]])
    assert np.array_equal(transforms.shrink(c, 2.0, "hard"), [[[5.0, -3.0], [0, 0]]])
    np.testing.assert_allclose(transforms.shrink(c, 2.0, "soft"), [[[5.0, -1.0], [0, 0]]])
    np.testing.assert_allclose(transforms.shrink(c, 2.0, "garrote"),
                               [[[5.0, -3.0 + 4.0 / 3.0], [0, 0]]])
    assert transforms.shrink(c, 9.0, "hard", keep_dc=False).sum() == 0
    assert transforms.universal_threshold(1.0, 64) == pytest.approx(np.sqrt(2 * np.log(64)))
    with pytest.raises(InputError):
        transforms.shrink(c, 1.0, "median")


def test_cycle_spun_shrinkage_removes_white_noise_from_a_smooth_surface():
    yy, xx = np.mgrid[:64, :64] / 64.0
    smooth = 100 * np.sin(3 * xx) * np.cos(2 * yy)
    noisy = smooth + np.random.default_rng(2).normal(scale=1.0, size=smooth.shape)
    t = transforms.universal_threshold(1.0, 64)
    out = transforms.cycle_spin(noisy, lambda c, lat: transforms.shrink(c, t), (0, 0), 8, 2)
    assert np.sqrt(np.mean((out - smooth) ** 2)) < 0.5
