"""Generic Sensor Format (GSF) swath files: read every beam, write our rejections as flags.

Our own reader of the record layout published in the *Generic Sensor Format
Specification* (Leidos doc 98-16v, version 03.06, 2014; sections 4.3.1 and 4.3.4,
Appendix C.2), in numpy, so that it runs wherever QGIS's Python runs (the UKHO `gsfpy`
wheel carries a Linux-only build of the C library).

Layout.  A GSF file is a sequence of records, each a big-endian 4-byte data size, a
4-byte identifier (bit 31: a 4-byte checksum follows) and the data, padded to a multiple
of four bytes.  The first record is the header ("GSF-vNN.NN").  A swath bathymetry ping
record (identifier 2) holds a ping header (time, position in 1e-7 degrees, number of
beams, centre beam, ping flags, correctors, heading and attitude in 1/100 degree...:
42 bytes before version 3.01, 56 since) followed by subrecords, each with a 4-byte
header (identifier in the top byte, size in the low 24 bits).  Array subrecords hold one
integer per beam, converted to engineering units as  value = raw / multiplier - offset
with the scale factors of the last scale-factor subrecord (identifier 100), which a file
writes in its first ping and again only when they change.  The first beam is the
outermost port beam.

Beam flags (one byte per beam).  Bit 0 set = the beam is not to be used.  The common
codes (Appendix C.2, MB-System and CARIS use them): 0x01 alone = null (no detection),
0x05 = manually edited, 0x09 = filter edited; other bits set with bit 0 (0x21, 0x41,
0x81: uncertainty, footprint, IHO class) are "rejected (other)"; bit 0 clear (0x00, or
0x02 etc. = selected soundings) is accepted.  A ping whose flag has bit 0 set is
ignored as a whole.

Positions.  GSF gives each beam's along-track (x, forward) and across-track (y,
starboard) distance from the ping's reference point; with the heading h (clockwise from
north) the beam lies  east = x sin h + y cos h,  north = x cos h - y sin h  metres from
it, converted to degrees with the WGS 84 radii of curvature at the ping's latitude
(exact to well below a millimetre over a swath's few km).

Writing.  `write_flagged_copy` copies the file byte for byte and sets the flag byte of
each beam we reject to 0x09 (filter edited) where the beam was accepted; beams already
flagged keep their flags, records with checksums get theirs recomputed.  The input file
is never opened for writing; the copy is written to a temporary file and renamed, so
it exists completely or not at all.
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from ..files import write_atomically

HEADER, PING = 1, 2
SCALE_FACTORS = 100
DEPTH, ACROSS, ALONG, TRAVEL_TIME, BEAM_ANGLE = 1, 2, 3, 4, 5
BEAM_FLAGS = 16
# array subrecords we decode: (signed, default bytes per beam)
ARRAYS = {DEPTH: (False, 2), ACROSS: (True, 2), ALONG: (True, 2),
          TRAVEL_TIME: (False, 2), BEAM_ANGLE: (True, 2)}
FIELD_SIZE = {0x10: 1, 0x20: 2, 0x40: 4}
FILTER_FLAG = 0x09
FLAG_NAMES = ("accepted", "manual", "filter", "null", "other", "ping ignored")

WGS84_A = 6378137.0
WGS84_E2 = 6.69437999014e-3


def flag_names(flags, ping_ignored=None):
    """The state of each beam from its GSF beam flag byte (see the module notes)."""
    flags = np.asarray(flags, dtype=np.int64)
    out = np.full(flags.shape, "other", dtype=object)
    rejected = (flags & 1) == 1
    out[~rejected] = "accepted"
    out[rejected & ((flags & 0x04) != 0)] = "manual"
    out[rejected & ((flags & 0x04) == 0) & ((flags & 0x08) != 0)] = "filter"
    out[flags == 1] = "null"
    if ping_ignored is not None:
        out[np.asarray(ping_ignored, dtype=bool)] = "ping ignored"
    return out


@dataclass
class Survey:
    """Every beam of a GSF file, one entry per beam, pings in file order."""
    path: str
    version: str
    ping: np.ndarray            # ping number in the file (0-based)
    beam: np.ndarray            # beam number in the ping (0 = outermost port)
    lon: np.ndarray             # beam position, degrees (WGS 84)
    lat: np.ndarray
    depth: np.ndarray           # metres, positive down, as GSF stores it
    across: np.ndarray          # metres, positive starboard
    along: np.ndarray           # metres, positive forward
    angle: np.ndarray           # beam angle from vertical, degrees (NaN if absent)
    flag_value: np.ndarray      # the GSF beam flag byte (-1 where the ping has none)
    flag: np.ndarray            # accepted / manual / filter / null / other / ping ignored
    flag_offset: np.ndarray     # byte offset of the beam's flag in the file (-1: none)
    ping_lon: np.ndarray        # per ping
    ping_lat: np.ndarray
    heading: np.ndarray         # degrees clockwise from north
    time: np.ndarray            # seconds since 1970
    counts: dict = field(default_factory=dict)

    def __len__(self):
        return len(self.depth)


def _records(data, path):
    """(offset of data, size, identifier, checksum flag) of every record; checks the frame."""
    out = []
    pos, n = 0, len(data)
    while pos < n:
        if pos + 8 > n:
            raise InputError(f"{path} is truncated: {n - pos} stray bytes at byte {pos} "
                             "where a GSF record should start. Copy the file again, "
                             "or cut it at a record boundary.")
        size, ident = struct.unpack_from(">II", data, pos)
        has_sum = ident >> 31
        ident &= 0x7FFFFFFF
        start = pos + 8 + 4 * has_sum
        end = start + size
        if end > n:
            raise InputError(f"{path} is truncated: the record at byte {pos} (type "
                             f"{ident}) needs {size} bytes, the file ends after "
                             f"{n - start}. Copy the file again, or cut it at a record "
                             "boundary.")
        out.append((start, size, ident, has_sum))
        pos = start + size
        pos += (-pos) % 4
    return out


def _version(data, records, path):
    if not records or records[0][2] != HEADER:
        raise InputError(f"{path} is not a GSF file: it does not start with a GSF "
                         "header record. Choose a .gsf file (Generic Sensor Format).")
    start, size = records[0][0], records[0][1]
    text = data[start:start + size].split(b"\0")[0].decode("ascii", "replace")
    if not text.startswith("GSF-v"):
        raise InputError(f"{path} is not a GSF file: its header reads {text[:20]!r} "
                         "instead of 'GSF-vNN.NN'.")
    try:
        number = float(text[5:10])
    except ValueError:
        raise InputError(f"{path}: unreadable GSF version {text!r}.") from None
    return text, number


def _scale_factors(data, pos, size, path):
    count = struct.unpack_from(">i", data, pos)[0]
    if count < 0 or 4 + 12 * count > size:
        raise InputError(f"{path}: a scale-factor subrecord at byte {pos} is damaged "
                         f"({count} factors in {size} bytes).")
    table = {}
    for k in range(count):
        word, multiplier, offset = struct.unpack_from(">Iii", data, pos + 4 + 12 * k)
        table[word >> 24] = ((word >> 16) & 0xF0, multiplier, offset)
    return table


def _array(data, pos, size, beams, sub, scales, path):
    signed, default = ARRAYS[sub]
    if sub not in scales:
        raise InputError(f"{path}: subrecord {sub} at byte {pos} has no scale factors "
                         "(the file's first ping must carry them).")
    flag, multiplier, offset = scales[sub]
    width = FIELD_SIZE.get(flag, default)
    if width * beams != size:
        width = size // beams if beams and size % beams == 0 else 0
    if width not in (1, 2, 4) or not multiplier:
        raise InputError(f"{path}: subrecord {sub} at byte {pos} does not hold "
                         f"{beams} beams ({size} bytes, multiplier {multiplier}).")
    kind = (">i" if signed else ">u") + str(width)
    raw = np.frombuffer(data, dtype=kind, count=beams, offset=pos).astype(float)
    return raw / multiplier - offset


def _offsets_to_degrees(lat, east, north):
    """Metres east/north at latitude `lat` (degrees) -> degrees of longitude/latitude."""
    phi = np.radians(lat)
    w = np.sqrt(1.0 - WGS84_E2 * np.sin(phi) ** 2)
    meridian = WGS84_A * (1.0 - WGS84_E2) / w ** 3
    normal = WGS84_A / w
    return (np.degrees(east / (normal * np.cos(phi))), np.degrees(north / meridian))


def read_gsf(path, progress=None, cancelled=None):
    """Every beam of the swath bathymetry pings of a GSF file (see `Survey`)."""
    from ..errors import Cancelled
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as error:
        raise InputError(f"Cannot read {path}: {error}") from error
    records = _records(data, path)
    version, number = _version(data, records, path)
    header_size = 56 if number >= 3.01 else 42
    pings = [r for r in records if r[2] == PING]
    if not pings:
        raise InputError(f"{path} holds no swath bathymetry ping records (type 2); "
                         "nothing to read.")
    columns = {k: [] for k in ("ping", "beam", "depth", "across", "along", "angle",
                               "flag_value", "flag_offset")}
    ping_lon, ping_lat, heading, times, ignored = [], [], [], [], []
    scales = {}
    for p, (start, size, _, _) in enumerate(pings):
        if cancelled is not None and p % 256 == 0 and cancelled():
            raise Cancelled()
        if size < header_size:
            raise InputError(f"{path}: the ping record at byte {start} is shorter "
                             f"({size} bytes) than a ping header ({header_size}).")
        sec, nsec, lon, lat, beams, _, ping_flags = struct.unpack_from(
            ">iiiiHhH", data, start)
        head = struct.unpack_from(">H", data, start + 30)[0]
        end = start + size
        pos = start + header_size
        values = {}
        flag_pos = -1
        while pos + 4 <= end:
            word = struct.unpack_from(">I", data, pos)[0]
            sub, sub_size = word >> 24, word & 0xFFFFFF
            body = pos + 4
            if body + sub_size > end:
                raise InputError(f"{path}: subrecord {sub} at byte {pos} runs past the "
                                 "end of its ping record; the file is damaged.")
            if sub == SCALE_FACTORS:
                scales = _scale_factors(data, body, sub_size, path)
            elif sub in ARRAYS and beams:
                values[sub] = _array(data, body, sub_size, beams, sub, scales, path)
            elif sub == BEAM_FLAGS and beams:
                if sub_size < beams:
                    raise InputError(f"{path}: the beam flags at byte {pos} hold "
                                     f"{sub_size} bytes for {beams} beams.")
                flag_pos = body
            pos = body + sub_size
        if DEPTH not in values or beams == 0:
            continue   # a ping without depths (e.g. an empty ping): no beams to yield
        index = len(ping_lon)
        ping_lon.append(lon * 1e-7)
        ping_lat.append(lat * 1e-7)
        heading.append(head / 100.0)
        times.append(sec + nsec * 1e-9)
        ignored.append(bool(ping_flags & 1))
        nan = np.full(beams, np.nan)
        columns["ping"].append(np.full(beams, index))
        columns["beam"].append(np.arange(beams))
        columns["depth"].append(values[DEPTH])
        columns["across"].append(values.get(ACROSS, nan))
        columns["along"].append(values.get(ALONG, np.zeros(beams)))
        columns["angle"].append(values.get(BEAM_ANGLE, nan))
        if flag_pos >= 0:
            columns["flag_value"].append(np.frombuffer(data, ">u1", beams, flag_pos)
                                         .astype(np.int64))
            columns["flag_offset"].append(flag_pos + np.arange(beams, dtype=np.int64))
        else:
            columns["flag_value"].append(np.zeros(beams, dtype=np.int64))
            columns["flag_offset"].append(np.full(beams, -1, dtype=np.int64))
        if progress:
            progress(0.9 * (p + 1) / len(pings))
    if not ping_lon:
        raise InputError(f"{path}: no ping record carries a depth array; nothing to read.")
    c = {k: np.concatenate(v) for k, v in columns.items()}
    ping_lon, ping_lat, heading = (np.array(a) for a in (ping_lon, ping_lat, heading))
    navigated = ((ping_lon != 0) | (ping_lat != 0)) & (np.abs(ping_lat) <= 90) & \
        (np.abs(ping_lon) <= 180)
    if not navigated.any():
        raise InputError(f"{path} has no navigation: every ping's position is 0, 0 or "
                         "out of range. Merge navigation into the file first (e.g. "
                         "with the acquisition or processing software).")
    p = c["ping"]
    h = np.radians(heading)[p]
    east = c["along"] * np.sin(h) + c["across"] * np.cos(h)
    north = c["along"] * np.cos(h) - c["across"] * np.sin(h)
    dlon, dlat = _offsets_to_degrees(ping_lat[p], east, north)
    lon = np.where(navigated[p], ping_lon[p] + dlon, np.nan)
    lat = np.where(navigated[p], ping_lat[p] + dlat, np.nan)
    ping_ignored = np.array(ignored)[p]
    names = flag_names(c["flag_value"], ping_ignored)
    counts = {name: int((names == name).sum()) for name in FLAG_NAMES}
    counts.update(pings=len(ping_lon), beams=len(p), no_navigation=int((~navigated).sum()))
    if progress:
        progress(1.0)
    return Survey(path=str(path), version=version, ping=p, beam=c["beam"], lon=lon,
                  lat=lat, depth=c["depth"], across=c["across"], along=c["along"],
                  angle=c["angle"], flag_value=c["flag_value"], flag=names,
                  flag_offset=c["flag_offset"], ping_lon=ping_lon, ping_lat=ping_lat,
                  heading=heading, time=np.array(times), counts=counts)


def beam_index(survey, ping, beam):
    """Positions in `survey` of the beams named by (ping, beam); error if any is unknown."""
    ping = np.asarray(ping, dtype=float)
    beam = np.asarray(beam, dtype=float)
    bad = ~(np.isfinite(ping) & np.isfinite(beam))
    if bad.any():
        raise InputError(f"{int(bad.sum())} soundings have no ping or beam number; the "
                         "flags can only be written for soundings read from the file "
                         "(Read survey file keeps the fields 'ping' and 'beam').")
    width = int(survey.beam.max()) + 1
    key = survey.ping * width + survey.beam
    order = np.argsort(key)
    want = ping.astype(np.int64) * width + beam.astype(np.int64)
    pos = np.searchsorted(key[order], want).clip(max=len(key) - 1)
    found = key[order][pos] == want
    if not found.all() or (beam >= width).any():
        i = int(np.flatnonzero(~found | (beam >= width))[0])
        raise InputError(f"Ping {ping[i]:g} beam {beam[i]:g} is not in {survey.path}: the "
                         "layer was not read from this file. Choose the GSF file the "
                         "soundings came from.")
    return order[pos]


def write_flagged_copy(survey, output, rejected_index):
    """Copy the survey's file to `output` with beams `rejected_index` flagged 0x09.

    Only beams that the file has as accepted get the filter flag; the rest keep theirs.
    Returns the number of beams newly flagged.  The input file is never written.
    """
    src, dst = os.path.realpath(survey.path), os.path.realpath(str(output))
    if src == dst:
        raise InputError("The flagged copy must be a new file: the survey file itself "
                         "is never modified. Choose another output name.")
    idx = np.unique(np.asarray(rejected_index, dtype=np.int64))
    with open(survey.path, "rb") as fh:
        data = bytearray(fh.read())
    idx = idx[survey.flag[idx] == "accepted"]
    missing = idx[survey.flag_offset[idx] < 0]
    if missing.size:
        raise InputError(f"Ping {int(survey.ping[missing[0]])} of {survey.path} has no "
                         "beam flags array, so rejections cannot be written into it "
                         "without rewriting the record; nothing was written.")
    offsets = survey.flag_offset[idx]
    buf = np.frombuffer(data, dtype=np.uint8)
    buf[offsets] = FILTER_FLAG
    _fix_checksums(data, offsets, survey.path)
    write_atomically(output, lambda fh: fh.write(data))
    return int(len(idx))


def _fix_checksums(data, offsets, path):
    """Recompute the checksum of every checksummed record that holds a changed byte."""
    if not len(offsets):
        return
    for start, size, _, has_sum in _records(bytes(data), path):
        if has_sum and ((offsets >= start) & (offsets < start + size)).any():
            total = int(np.frombuffer(bytes(data[start:start + size]), np.uint8)
                        .sum(dtype=np.uint64)) % (1 << 32)
            struct.pack_into(">I", data, start - 4, total)


def flag_survey(path, output, ping, beam, rejected, progress=None, cancelled=None):
    """Write a copy of the GSF file `path` with the soundings `rejected` (named by their
    ping and beam numbers, as `read_gsf` gave them) set to filter-edited.

    Checks everything before writing: an unknown ping/beam writes nothing.  Returns
    (beams newly flagged, beams that were flagged already).
    """
    survey = read_gsf(path, cancelled=cancelled)
    rejected = np.asarray(rejected, dtype=bool)
    ping, beam = np.asarray(ping, dtype=float), np.asarray(beam, dtype=float)
    idx = beam_index(survey, ping[rejected], beam[rejected])
    newly = write_flagged_copy(survey, output, idx)
    if progress:
        progress(1.0)
    return newly, int(len(np.unique(idx))) - newly
