"""Whole-file outputs written atomically: into a temporary file beside the output, moved
into place only once complete, so an output is written completely or not at all
(DESIGN.md rule 9). Rasters have their own path (raster.RasterWriter)."""
import os

from .errors import InputError


def write_atomically(path, write, *, text=False, what=None):
    """Call `write(handle)` on `path`.partial, then move it onto `path`. An OSError
    becomes an InputError naming `what` (default: the path); the temporary file never
    stays behind."""
    tmp = f"{path}.partial"
    mode, kwargs = ("w", {"encoding": "utf-8", "newline": ""}) if text else ("wb", {})
    try:
        with open(tmp, mode, **kwargs) as handle:
            write(handle)
        os.replace(tmp, path)
    except OSError as error:
        raise InputError(f"Cannot write {what or path}: {error}") from error
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return path
