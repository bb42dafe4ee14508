"""GSF reading and flag writing (algorithms/bathymetry/gsf.py), no QGIS."""
import hashlib
import math
import struct

import numpy as np
import pytest

from geoinverse.algorithms.bathymetry import gsf
from geoinverse.algorithms.errors import InputError


@pytest.fixture(scope="module")
def sample(data_dir):
    return data_dir / "gsf" / "EX1502L2_0175_4pings.gsf"


@pytest.fixture(scope="module")
def survey(sample):
    return gsf.read_gsf(sample)


def test_reader_matches_independent_decoder(survey, sample):
    ref = np.genfromtxt(str(sample).replace(".gsf", ".soundings.csv"), delimiter=",",
                        names=True)
    assert len(survey) == len(ref) == 1728
    assert survey.version == "GSF-v03.06"
    np.testing.assert_array_equal(survey.ping, ref["ping"])
    np.testing.assert_array_equal(survey.beam, ref["beam"])
    np.testing.assert_allclose(survey.depth, ref["depth_m"], atol=1e-9)
    np.testing.assert_allclose(survey.across, ref["acrosstrack_m"], atol=1e-9)
    np.testing.assert_allclose(survey.along, ref["alongtrack_m"], atol=1e-9)
    np.testing.assert_array_equal(survey.flag_value, ref["gsf_beam_flag"])
    np.testing.assert_allclose(survey.ping_lon[survey.ping], ref["ping_lon"], atol=1e-9)
    assert survey.counts["accepted"] == 1446
    assert survey.counts["null"] == 277
    assert survey.counts["manual"] == 5
    # EM302: +/- ~70 degree swath, deep water
    ok = survey.flag == "accepted"
    assert 1400 < survey.depth[ok].min() and survey.depth[ok].max() < 1800
    assert -75 < np.nanmin(survey.angle) < -40 and 40 < np.nanmax(survey.angle) < 75
    np.testing.assert_allclose(survey.heading, [24.34, 24.40, 27.80, 27.85])


def test_beam_positions_follow_heading(survey):
    """A beam lies at bearing heading + atan2(across, along) from its ping, at the
    horizontal distance of its offsets (great-circle check, independent formula)."""
    ok = (survey.flag == "accepted")
    p = survey.ping[ok]
    lat0, lon0 = np.radians(survey.ping_lat[p]), np.radians(survey.ping_lon[p])
    lat1, lon1 = np.radians(survey.lat[ok]), np.radians(survey.lon[ok])
    r = 6371008.8
    d = 2 * r * np.arcsin(np.sqrt(np.sin((lat1 - lat0) / 2) ** 2 + np.cos(lat0)
                                  * np.cos(lat1) * np.sin((lon1 - lon0) / 2) ** 2))
    expected = np.hypot(survey.across[ok], survey.along[ok])
    np.testing.assert_allclose(d, expected, rtol=5e-3, atol=0.5)
    bearing = np.degrees(np.arctan2(np.sin(lon1 - lon0) * np.cos(lat1),
                                    np.cos(lat0) * np.sin(lat1) - np.sin(lat0)
                                    * np.cos(lat1) * np.cos(lon1 - lon0)))
    want = survey.heading[p] + np.degrees(np.arctan2(survey.across[ok], survey.along[ok]))
    far = expected > 100
    diff = (bearing - want + 180) % 360 - 180
    assert np.abs(diff[far]).max() < 0.5
    # starboard beams (across > 0) of a ship heading ~NNE lie east of the ping
    star = ok & (survey.across > 500)
    assert (survey.lon[star] > survey.ping_lon[survey.ping[star]]).all()


def test_flag_names():
    names = gsf.flag_names([0, 1, 5, 9, 0x81, 2, 0x21])
    assert list(names) == ["accepted", "null", "manual", "filter", "other", "accepted",
                           "other"]


def test_flagged_copy_round_trip(survey, sample, tmp_path):
    before = hashlib.sha256(sample.read_bytes()).hexdigest()
    accepted = np.flatnonzero(survey.flag == "accepted")
    manual = np.flatnonzero(survey.flag == "manual")
    chosen = np.concatenate([accepted[::50], manual[:2]])
    out = tmp_path / "flagged.gsf"
    newly = gsf.write_flagged_copy(survey, out, chosen)
    assert newly == len(accepted[::50])
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == before
    back = gsf.read_gsf(out)
    assert (back.flag[accepted[::50]] == "filter").all()
    assert (back.flag_value[accepted[::50]] == 0x09).all()
    assert (back.flag[manual] == "manual").all()   # an editor's flags are kept
    untouched = np.setdiff1d(np.arange(len(survey)), accepted[::50])
    np.testing.assert_array_equal(back.flag_value[untouched], survey.flag_value[untouched])
    np.testing.assert_array_equal(back.depth, survey.depth)
    assert out.stat().st_size == sample.stat().st_size
    with pytest.raises(InputError, match="never modified"):
        gsf.write_flagged_copy(survey, sample, chosen)


def test_beam_index_maps_ping_and_beam(survey):
    idx = gsf.beam_index(survey, survey.ping[[7, 900]], survey.beam[[7, 900]])
    assert list(idx) == [7, 900]
    with pytest.raises(InputError, match="not in"):
        gsf.beam_index(survey, [9], [3])


def test_truncated_file_is_refused(sample, tmp_path):
    data = sample.read_bytes()
    cut = tmp_path / "cut.gsf"
    cut.write_bytes(data[:len(data) - 500])
    with pytest.raises(InputError, match="truncated"):
        gsf.read_gsf(cut)


def test_not_gsf_is_refused(tmp_path, data_dir):
    other = tmp_path / "x.gsf"
    other.write_bytes((data_dir / "ship15_cut.txt").read_bytes()[:4000])
    with pytest.raises(InputError, match="not a GSF file|truncated"):
        gsf.read_gsf(other)
    other.write_bytes(struct.pack(">II", 12, 1) + b"NOT-GSF-FILE")
    with pytest.raises(InputError, match="not a GSF file"):
        gsf.read_gsf(other)


def test_no_navigation_is_refused(sample, tmp_path, survey):
    data = bytearray(sample.read_bytes())
    for start, size, ident, has_sum in gsf._records(bytes(data), "x"):
        if ident == gsf.PING:
            struct.pack_into(">ii", data, start + 8, 0, 0)
    nonav = tmp_path / "nonav.gsf"
    nonav.write_bytes(bytes(data))
    with pytest.raises(InputError, match="no navigation"):
        gsf.read_gsf(nonav)
    assert math.isfinite(survey.lon[0])
