"""Windowed GDAL raster I/O shared by every raster method.

A grid here is what GDAL gives: a float32 array read window by window, its geotransform
(None when the raster is not georeferenced, as EPMA maps are), its CRS as WKT ('' when
none) and its nodata value.  Nodata cells become NaN on reading and are written back as
the output's nodata value, so no method ever sees a sentinel such as -9999 as a depth.

Writers write into a temporary file beside the destination and move it into place only
when the whole raster has been written; an error or a cancel removes it, so an output
exists completely or not at all (DESIGN.md rule 9).
"""
from __future__ import annotations

import contextlib
import datetime
import math
import os
import shutil
import tempfile

import numpy as np
from osgeo import gdal, osr

from .errors import InputError

# Colour interpretations that mark an image rather than a grid of numbers.
_IMAGE_INTERPRETATIONS = {
    gdal.GCI_RedBand, gdal.GCI_GreenBand, gdal.GCI_BlueBand, gdal.GCI_AlphaBand,
    gdal.GCI_PaletteIndex, gdal.GCI_HueBand, gdal.GCI_SaturationBand,
    gdal.GCI_LightnessBand, gdal.GCI_CyanBand, gdal.GCI_MagentaBand,
    gdal.GCI_YellowBand, gdal.GCI_BlackBand,
}
_COMPLEX_TYPES = {gdal.GDT_CInt16, gdal.GDT_CInt32, gdal.GDT_CFloat32, gdal.GDT_CFloat64}

METRES_PER_DEGREE = 111_320.0

GTIFF_OPTIONS = ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "BIGTIFF=IF_SAFER",
                 "COMPRESS=ZSTD", "ZSTD_LEVEL=1", "PREDICTOR=3"]

# A Cloud-Optimised GeoTIFF (what a distributed run assembles its tiles into): the same
# lossless compression, internal overviews so a viewer opens it at any zoom.
COG_OPTIONS = ["BLOCKSIZE=512", "BIGTIFF=IF_SAFER", "COMPRESS=ZSTD", "LEVEL=1",
               "PREDICTOR=YES", "NUM_THREADS=ALL_CPUS"]


def _open_dataset(path):
    """Open a raster read-only, turning GDAL's silent None into an InputError."""
    gdal.ErrorReset()
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        ds = gdal.OpenEx(str(path), gdal.OF_RASTER | gdal.OF_READONLY)
    finally:
        gdal.PopErrorHandler()
    if ds is None:
        reason = gdal.GetLastErrorMsg() or "GDAL does not recognise it as a raster"
        raise InputError(f"Cannot read the raster {path}: {reason}.")
    return ds


def is_georeferenced(geotransform):
    """A raster without a geotransform (EPMA maps) must stay without one."""
    return geotransform is not None


class RasterReader:
    """One band of a GDAL raster, read in windows as float32 with NaN for nodata."""

    def __init__(self, path, band=1, *, allow_rotation=False, dataset=None):
        self.path = str(path)
        self._reopen = None if dataset is not None else (self.path, int(band),
                                                         allow_rotation)
        self._ds = dataset if dataset is not None else _open_dataset(path)
        count = self._ds.RasterCount
        if count == 0:
            raise InputError(f"{path} has no raster bands.")
        if not 1 <= int(band) <= count:
            raise InputError(f"Band {band} does not exist: {path} has {count} band(s); "
                             f"choose a band from 1 to {count}.")
        self.band_index = int(band)
        self._band = self._ds.GetRasterBand(self.band_index)
        self._check_numeric(count)
        self.width = self._ds.RasterXSize
        self.height = self._ds.RasterYSize
        self.geotransform = self._ds.GetGeoTransform(can_return_null=True)
        if self.geotransform is not None and not allow_rotation and (
                self.geotransform[2] != 0 or self.geotransform[4] != 0):
            raise InputError(f"{path} has a rotated geotransform {self.geotransform}; "
                             "warp it to a north-up grid first (Raster > Projections > Warp).")
        self.crs_wkt = self._ds.GetProjection() or ""
        self.nodata = self._band.GetNoDataValue()
        self.description = self._band.GetDescription()

    def _check_numeric(self, count):
        band = self._band
        if band.DataType in _COMPLEX_TYPES:
            raise InputError(f"Band {self.band_index} of {self.path} holds complex numbers, "
                             "not depths or intensities.")
        interp = band.GetColorInterpretation()
        is_rgb_byte = band.DataType == gdal.GDT_Byte and count >= 3
        if interp in _IMAGE_INTERPRETATIONS or is_rgb_byte:
            name = gdal.GetColorInterpretationName(interp)
            raise InputError(f"{self.path} is an image (band {self.band_index}: {name}, "
                             f"{gdal.GetDataTypeName(band.DataType)}), not a grid of numbers. "
                             "Use the original numeric grid, not a rendered picture of it.")

    def __getstate__(self):
        """A reader travels to another process (a Dask worker) as its path and band and
        opens the raster again there: the path must be one the worker can read."""
        if self._reopen is None:
            raise TypeError(f"The reader of {self.path} wraps a dataset open in this "
                            "process (e.g. a warped VRT); it cannot be sent to another.")
        return {"reopen": self._reopen}

    def __setstate__(self, state):
        path, band, allow_rotation = state["reopen"]
        self.__init__(path, band, allow_rotation=allow_rotation)

    @classmethod
    def from_dataset(cls, dataset, name):
        """Wrap an open (e.g. virtual, warped) single-band dataset; `name` for messages."""
        return cls(name, 1, dataset=dataset)

    @property
    def shape(self):
        return self.height, self.width

    def read(self, x0, y0, width, height):
        """Window [x0, x0+width) x [y0, y0+height) as float32, NaN where nodata."""
        data = self._band.ReadAsArray(int(x0), int(y0), int(width), int(height))
        if data is None:
            raise InputError(f"GDAL could not read a window of {self.path}: "
                             f"{gdal.GetLastErrorMsg()}")
        out = data.astype(np.float32, copy=True)
        if self.nodata is not None and not math.isnan(self.nodata):
            out[data == self.nodata] = np.nan
        return out

    def release_cache(self):
        """Drop this band's blocks from GDAL's cache (it would otherwise grow to 5% of RAM)."""
        self._band.FlushCache()

    def read_all(self):
        return self.read(0, 0, self.width, self.height)

    def close(self):
        self._band = None
        self._ds = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def looks_geographic(geotransform, shape):
    """GMT grids often carry no CRS: lon/lat ranges can only be read as degrees."""
    height, width = shape
    x0, y0 = geotransform[0], geotransform[3]
    x1, y1 = x0 + geotransform[1] * width, y0 + geotransform[5] * height
    return (-360 <= min(x0, x1) and max(x0, x1) <= 360
            and -90 <= min(y0, y1) and max(y0, y1) <= 90)


def metric_cell_size(geotransform, crs_wkt, shape):
    """A function rows -> (dx, dy) in metres for those rows of the grid.

    Geographic cells shrink in x with latitude; projected cells use the CRS's linear
    unit; a grid without georeferencing (EPMA) has cells of 1 in its own units.
    """
    if geotransform is None:
        return lambda rows: (np.ones(np.shape(rows)), np.ones(np.shape(rows)))
    gt = geotransform
    srs = osr.SpatialReference()
    if crs_wkt:
        srs.ImportFromWkt(crs_wkt)
    geographic = srs.IsGeographic() if crs_wkt else looks_geographic(gt, shape)
    if geographic:
        def sizes(rows):
            lat = gt[3] + gt[5] * (np.asarray(rows, dtype=float) + 0.5)
            dx = abs(gt[1]) * METRES_PER_DEGREE * np.cos(np.radians(lat))
            return np.maximum(dx, 1e-9), np.full_like(lat, abs(gt[5]) * METRES_PER_DEGREE)
        return sizes
    unit = srs.GetLinearUnits() if crs_wkt else 1.0
    return lambda rows: (np.full(np.shape(rows), abs(gt[1]) * unit),
                         np.full(np.shape(rows), abs(gt[5]) * unit))


def scaled_geotransform(geotransform, scale):
    """Same origin, pixel size divided by `scale`: the output grid of an upsampling."""
    if geotransform is None:
        return None
    x0, dx, rx, y0, ry, dy = geotransform
    return (x0, dx / scale, rx / scale, y0, ry / scale, dy / scale)


def output_nodata(nodata):
    """Keep the input's nodata value when float32 can hold it, else NaN."""
    if nodata is None or math.isnan(nodata):
        return float("nan")
    if abs(nodata) > np.finfo(np.float32).max or np.float32(nodata) != nodata:
        return float("nan")
    return float(nodata)


def driver_for_path(path):
    """The GDAL driver that writes `path`'s extension (GeoTIFF when unknown)."""
    ext = os.path.splitext(str(path))[1].lower().lstrip(".")
    if ext in ("", "tif", "tiff"):
        return "GTiff"
    for i in range(gdal.GetDriverCount()):
        drv = gdal.GetDriver(i)
        meta = drv.GetMetadata() or {}
        if meta.get(gdal.DCAP_RASTER) != "YES":
            continue
        if ext in (meta.get(gdal.DMD_EXTENSIONS) or "").lower().split():
            if meta.get(gdal.DCAP_CREATE) == "YES" or meta.get(gdal.DCAP_CREATECOPY) == "YES":
                return drv.ShortName
    raise InputError(f"No GDAL driver writes '.{ext}' rasters; choose a .tif output.")


class RasterWriter:
    """A single-band float32 raster written window by window, atomically.

    Data go to a GeoTIFF beside the destination; `commit()` moves it into place (or
    converts it when the destination is another format) and `abort()` deletes it.
    Used as a context manager it commits on success and aborts on any exception.
    """

    def __init__(self, path, width, height, geotransform, crs_wkt, nodata=float("nan"),
                 description=None, dtype=None):
        self.path = str(path)
        # float32 (default) or gdal.GDT_Byte (codes such as PROVENANCE: NaN -> nodata)
        self.dtype = gdal.GDT_Float32 if dtype is None else dtype
        self.driver = driver_for_path(self.path)
        directory = os.path.dirname(os.path.abspath(self.path))
        if not os.path.isdir(directory):
            raise InputError(f"The output folder {directory} does not exist.")
        self._tmp = self.path + ".partial.tif"
        self._source = None
        self.nodata = nodata
        self.geotransform = None if geotransform is None else tuple(geotransform)
        self.crs_wkt = crs_wkt or ""
        self.description = description
        drv = gdal.GetDriverByName("GTiff")
        options = GTIFF_OPTIONS if self.dtype == gdal.GDT_Float32 else [
            o if o != "PREDICTOR=3" else "PREDICTOR=2" for o in GTIFF_OPTIONS]
        self._ds = drv.Create(self._tmp, int(width), int(height), 1, self.dtype,
                              options=options)
        if self._ds is None:
            raise InputError(f"Cannot create {self.path}: {gdal.GetLastErrorMsg()}")
        if geotransform is not None:
            self._ds.SetGeoTransform(tuple(geotransform))
        if crs_wkt:
            self._ds.SetProjection(crs_wkt)
        self._band = self._ds.GetRasterBand(1)
        self._band.SetNoDataValue(nodata)
        if description:
            self._band.SetDescription(description)
        self.width, self.height = int(width), int(height)

    def write(self, array, x0, y0):
        """Write a float array whose NaNs are nodata at pixel offset (x0, y0)."""
        block = np.asarray(array, dtype=np.float32)
        if not math.isnan(self.nodata):
            block = np.where(np.isnan(block), np.float32(self.nodata), block)
        if self.dtype == gdal.GDT_Byte:
            block = np.rint(block).astype(np.uint8)
        self._band.WriteArray(block, int(x0), int(y0))

    def flush(self):
        """Write finished blocks to disk and drop them from GDAL's cache."""
        self._band.FlushCache()

    def adopt(self, source, done=None, discard=None, overviews=True):
        """Take the finished raster `source` (a VRT of tiles written by other processes,
        see algorithms/distributed.py) as this output instead of what was written here.

        On commit a GeoTIFF destination becomes a Cloud-Optimised GeoTIFF of it, a .vrt
        destination becomes `source` itself (it must then sit in the destination's folder
        and point at its tiles with relative paths), another format is converted; then
        `done()` runs (to remove the tiles).  An abort removes `source` and runs
        `discard()` (the run failed after its tiles were made: bad input, such as a grid
        of nodata only, leaves nothing behind).  `overviews=False` writes the COG without
        overviews (they take most of the assembly's time)."""
        self._source = (str(source), done, discard, overviews)

    def commit(self):
        if self._band is not None:
            self._band.FlushCache()
        self._band = None
        self._ds = None
        if self._source is not None:
            source, done, _, overviews = self._source
            self._commit_source(source, done, overviews)
        elif self.driver == "GTiff":
            os.replace(self._tmp, self.path)
        else:
            out = gdal.Translate(self.path, self._tmp, format=self.driver)
            if out is None:
                self.abort()
                raise InputError(f"GDAL could not write {self.path} as {self.driver}: "
                                 f"{gdal.GetLastErrorMsg()}")
            out = None
            _remove(self._tmp)

    def _commit_source(self, source, done, overviews):
        _remove(self._tmp)
        if self.driver == "VRT":
            os.replace(source, self.path)
        else:
            tmp = self.path + ".partial" + os.path.splitext(self.path)[1]
            fmt, options = self.driver, []
            if self.driver == "GTiff":
                fmt, options = "COG", COG_OPTIONS + ([] if overviews else ["OVERVIEWS=NONE"])
            out = gdal.Translate(tmp, source, format=fmt, creationOptions=options)
            if out is None:
                _remove(tmp)
                raise InputError(f"GDAL could not write {self.path} as {fmt}: "
                                 f"{gdal.GetLastErrorMsg()}")
            out = None
            os.replace(tmp, self.path)
            _remove(source)
        if done is not None:
            done()

    def abort(self):
        self._band = None
        self._ds = None
        _remove(self._tmp)
        if self._source is not None:
            source, _, discard, _ = self._source
            _remove(source)
            if discard is not None:
                discard()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def writer_group(stack, width, height, geotransform, crs_wkt, outputs):
    """Writers for several outputs on one grid, entered into `stack` (a contextlib
    ExitStack): when the block ends normally all are committed, when it raises all are
    removed, so a multi-output method leaves complete outputs or none.

    outputs: (path, nodata, description[, gdal data type]) per output; a None path (an
    optional output the user did not ask for) gives None in its place."""
    return [None if spec[0] is None else stack.enter_context(
        RasterWriter(spec[0], width, height, geotransform, crs_wkt, *spec[1:]))
        for spec in outputs]


# -- BAG (Bathymetry Attributed Grid): elevation + uncertainty in one file ---------------
BAG_NODATA = 1_000_000.0


def is_bag(path):
    return path is not None and str(path).lower().endswith(".bag")


@contextlib.contextmanager
def bag_layers(dst, uncertainty, abstract="GeoInverse grid"):
    """Where a method writes its elevation and uncertainty: (dst, uncertainty) unchanged,
    or for a .bag `dst` two temporary GeoTIFFs beside it, joined into one BAG (band 1
    elevation, band 2 uncertainty; GDAL's BAG driver, with its minimal ISO 19115
    metadata record) when the block ends without error; the uncertainty then also goes to
    `uncertainty` when that is given.  On error nothing is written."""
    if not is_bag(dst):
        yield dst, uncertainty
        return
    folder = os.path.dirname(os.path.abspath(str(dst)))
    if not os.path.isdir(folder):
        raise InputError(f"The output folder {folder} does not exist.")
    tmp = tempfile.mkdtemp(prefix=".geoinverse_bag_", dir=folder)
    try:
        elevation, sigma = os.path.join(tmp, "elevation.tif"), os.path.join(tmp, "sigma.tif")
        yield elevation, sigma
        write_bag(dst, elevation, sigma, abstract)
        if uncertainty:
            if driver_for_path(uncertainty) == "GTiff":
                shutil.copyfile(sigma, uncertainty)
            elif gdal.Translate(str(uncertainty), sigma,
                                format=driver_for_path(uncertainty)) is None:
                raise InputError(f"GDAL could not write {uncertainty}: "
                                 f"{gdal.GetLastErrorMsg()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def write_bag(path, elevation, uncertainty, abstract="GeoInverse grid"):
    """One BAG from two single-band rasters on the same grid (elevation, uncertainty).

    A BAG needs a projected or geographic CRS.  The whole grid passes through memory
    (two float32 bands), as GDAL's BAG driver writes by CreateCopy."""
    z, geotransform, crs_wkt, _ = read_array(elevation)
    if not crs_wkt:
        raise InputError(f"{path}: a BAG needs a coordinate reference system and the "
                         "input has none; assign one (Raster > Projections > Assign "
                         "Projection) or write a .tif.")
    if geotransform is None:
        raise InputError(f"{path}: a BAG needs a georeferenced grid; write a .tif.")
    h, w = z.shape
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 2, gdal.GDT_Float32)
    mem.SetGeoTransform(geotransform)
    mem.SetProjection(crs_wkt)
    for i, a in enumerate((z, read_array(uncertainty)[0]), start=1):
        a[~np.isfinite(a)] = BAG_NODATA   # read_array gives NaN where nodata
        out = mem.GetRasterBand(i)
        out.WriteArray(a)
        out.SetNoDataValue(BAG_NODATA)
    tmp = str(path) + ".partial.bag"
    today = datetime.date.today().isoformat()
    gdal.ErrorReset()
    ds = gdal.GetDriverByName("BAG").CreateCopy(tmp, mem, options=[
        f"VAR_ABSTRACT={abstract}", "VAR_INDIVIDUAL_NAME=GeoInverse",
        "VAR_ORGANISATION_NAME=GeoInverse QGIS plugin", f"VAR_DATE={today}",
        "VAR_PROCESS_STEP_DESCRIPTION=" + abstract])
    if ds is None:
        _remove(tmp)
        raise InputError(f"GDAL could not write the BAG {path}: {gdal.GetLastErrorMsg()}")
    ds = None
    os.replace(tmp, str(path))
    return str(path)


def _remove(path):
    for p in (path, path + ".aux.xml"):
        if os.path.exists(p):
            os.remove(p)


def write_array(path, array, geotransform=None, crs_wkt="", nodata=float("nan"),
                description=None):
    """Write a whole array in one go (small outputs, tests, reports)."""
    h, w = array.shape
    with RasterWriter(path, w, h, geotransform, crs_wkt, nodata, description) as writer:
        writer.write(array, 0, 0)
    return str(path)


def read_array(path, band=1):
    """Read a whole band (small rasters only) as (array, geotransform, crs_wkt, nodata)."""
    with RasterReader(path, band) as reader:
        return reader.read_all(), reader.geotransform, reader.crs_wkt, reader.nodata


def rasterize_polygons(vector_path, width, height, values, geotransform=None):
    """Burn polygons into an int32 (height, width) array, 0 outside every polygon.

    `values(feature) -> int` gives the value burnt for each feature (0 skips it). With
    no geotransform the raster is a non-georeferenced one as QGIS shows it: pixel
    (row, col) covers x in [col, col+1], y in [-(row+1), -row].
    """
    from osgeo import ogr
    source = ogr.Open(str(vector_path))
    if source is None:
        raise InputError(f"Cannot read the polygons {vector_path}.")
    layer = source.GetLayer(0)
    mem = ogr.GetDriverByName("Memory").CreateDataSource("burn")
    burn = mem.CreateLayer("burn", geom_type=ogr.wkbMultiPolygon)
    burn.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    for feature in layer:
        value = int(values(feature))
        geometry = feature.GetGeometryRef()
        if value == 0 or geometry is None:
            continue
        out = ogr.Feature(burn.GetLayerDefn())
        out.SetGeometry(geometry.Clone())
        out.SetField("v", value)
        burn.CreateFeature(out)
    ds = gdal.GetDriverByName("MEM").Create("", int(width), int(height), 1, gdal.GDT_Int32)
    ds.SetGeoTransform(tuple(geotransform or (0.0, 1.0, 0.0, 0.0, 0.0, -1.0)))
    gdal.RasterizeLayer(ds, [1], burn, options=["ATTRIBUTE=v"])
    return ds.GetRasterBand(1).ReadAsArray()
