"""The shared sparse machinery: patches, batched OMP, dictionary learning, PCA."""
import numpy as np
import pytest

from geoinverse.algorithms import sparse


def planted(rng, atoms=48, dim=16, n=1500, k=3):
    d = sparse.normalise_atoms(rng.normal(size=(atoms, dim)))
    idx = np.array([rng.choice(atoms, k, replace=False) for _ in range(n)])
    coef = rng.normal(size=(n, k)) + np.sign(rng.normal(size=(n, k)))
    return d, idx, coef, sparse.reconstruct(d, idx, coef)


def test_batched_omp_equals_scikit_learn_omp():
    from sklearn.linear_model import orthogonal_mp
    rng = np.random.default_rng(1)
    d, _, _, x = planted(rng)
    x = x + 0.05 * rng.normal(size=x.shape)
    idx, coef = sparse.omp(d, x, 3, batch=400)  # several batches
    ours = sparse.codes_to_dense(idx, coef, d.shape[0])
    theirs = orthogonal_mp(d.T, x.T, n_nonzero_coefs=3).T
    np.testing.assert_allclose(ours, theirs, atol=1e-8)


def test_omp_stops_per_patch_at_the_tolerance():
    rng = np.random.default_rng(2)
    d, _, _, _ = planted(rng)
    one = 2.5 * d[[3, 7]]                          # exactly one atom each
    two = d[5] + 0.8 * d[11]                       # two atoms
    x = np.vstack([one, two, np.zeros(d.shape[1])])
    idx, coef = sparse.omp(d, x, 4, tolerance=1e-3)
    active = np.count_nonzero(coef, axis=1)
    assert list(active) == [1, 1, 2, 0]
    assert idx[0, 0] == 3 and coef[0, 0] == pytest.approx(2.5)


def test_patches_round_trip_and_cover_every_cell():
    rng = np.random.default_rng(3)
    img = rng.normal(size=(2, 21, 17))
    rows = sparse.extract_patches(img, 5, 2)
    assert rows.shape == (9 * 7, 2 * 25)
    np.testing.assert_array_equal(rows[8].reshape(2, 5, 5), img[:, 2:7, 2:7])  # row 1, col 1
    back = sparse.assemble_patches(rows[:, :25], img.shape[1:], 5, 2)
    np.testing.assert_allclose(back, img[0])


def test_overlap_add_averages_the_votes():
    shape, size, step = (6, 6), 4, 2
    ny, nx = sparse.patch_grid(shape, size, step)
    rows = np.repeat(np.arange(ny * nx, dtype=float)[:, None], size * size, axis=1)
    out = sparse.assemble_patches(rows, shape, size, step)
    assert out[0, 0] == 0 and out[5, 5] == 3
    assert out[2, 2] == pytest.approx(np.mean([0, 1, 2, 3]))


def test_projected_patches_are_normalised_rows_times_the_basis():
    rng = np.random.default_rng(4)
    img = rng.normal(size=(3, 30, 26))
    basis = np.linalg.qr(rng.normal(size=(3 * 36, 10)))[0]
    z, norms = sparse.project_patches(img, 6, 2, basis, rows_per_chunk=3)
    rows = sparse.extract_patches(img, 6, 2)
    np.testing.assert_allclose(norms, np.linalg.norm(rows, axis=1))
    np.testing.assert_allclose(z, rows / norms[:, None] @ basis, atol=1e-12)


def test_learning_recovers_a_planted_dictionary():
    rng = np.random.default_rng(5)
    d, _, _, x = planted(rng, atoms=24, dim=16, n=3000, k=2)
    learned, idx, coef = sparse.learn_dictionary(x, 24, 2, iterations=30, seed=1)
    err = np.linalg.norm(x - sparse.reconstruct(learned, idx, coef)) / np.linalg.norm(x)
    match = np.abs(learned @ d.T).max(axis=0)
    assert err < 0.2
    assert np.mean(match > 0.95) >= 0.8
    assert sparse.atom_usage(idx, coef, 24).sum() == np.count_nonzero(coef)


def test_pca_basis_keeps_the_asked_energy():
    rng = np.random.default_rng(6)
    x = rng.normal(size=(2000, 3)) @ rng.normal(size=(3, 12))    # rank 3
    basis = sparse.pca_basis(x, 0.999)
    assert basis.shape == (12, 3)
    np.testing.assert_allclose(x @ basis @ basis.T, x, atol=1e-8)
