"""`make demo`: GeoInverse's main job on bundled real bathymetry, through qgis_process.

1. A real 1' grid of the Azores / Mid-Atlantic Ridge (tests/data/azores_1m.tif) is
   coarsened to 2' by 2 x 2 block means: what a coarser grid of the same survey is.
2. qgis_process runs geoinverse:bicubic to bring it back to 1' (the baseline every
   super-resolution method must beat), then geoinverse:comparegrids scores it against
   the real 1' grid.
3. demo-output/demo.png shows coarse input, upsampled output, the real grid and the
   error, hillshaded; demo-output/comparison.html has the numbers.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from geoinverse.algorithms.bathymetry.resample import block_mean_raster
from geoinverse.algorithms.figures import relief_panels
from geoinverse.algorithms.raster import read_array

ROOT = Path(__file__).resolve().parent.parent
GRID = ROOT / "tests" / "data" / "azores_1m.tif"
OUT = ROOT / "demo-output"
QGIS_PROCESS = "/usr/bin/qgis_process.bin"


def qgis_process_env(home):
    plugins = Path(home) / "plugins"
    plugins.mkdir()
    (plugins / "geoinverse").symlink_to(ROOT, target_is_directory=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("QGIS_CUSTOM_CONFIG_PATH", "QGIS_OPTIONS_PATH")}
    env.update(HOME=str(home), QGIS_PLUGINPATH=str(plugins), QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(home))
    return env


def qgis_process(env, *args):
    command = [QGIS_PROCESS, *args]
    print("$", " ".join(command), flush=True)
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"qgis_process failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def main():
    OUT.mkdir(exist_ok=True)
    coarse = OUT / "azores_2m_blockmean.tif"
    upsampled = OUT / "azores_bicubic_x2.tif"
    block_mean_raster(GRID, coarse, 2)
    with tempfile.TemporaryDirectory() as home:
        env = qgis_process_env(home)
        qgis_process(env, "plugins", "enable", "geoinverse")
        qgis_process(env, "run", "geoinverse:bicubic", "--", f"INPUT={coarse}", "SCALE=2",
                     f"OUTPUT={upsampled}")
        result = json.loads(qgis_process(
            env, "--json", "run", "geoinverse:comparegrids", "--", f"INPUT={upsampled}",
            f"REFERENCE={GRID}", f"OUTPUT={OUT / 'bicubic_minus_real.tif'}",
            f"REPORT={OUT / 'comparison.html'}"))["results"]
    real, gt, crs, _ = read_array(GRID)
    low, lgt, _, _ = read_array(coarse)
    up = read_array(upsampled)[0]
    h, w = up.shape
    panels = [
        {"array": low, "title": "input: 2' block means", "geotransform": lgt, "crs": crs},
        {"array": up, "title": "bicubic x2 (geoinverse:bicubic)", "geotransform": gt,
         "crs": crs},
        {"array": real[:h, :w], "title": "real 1' grid", "geotransform": gt, "crs": crs},
        {"array": up - real[:h, :w], "title": f"bicubic \u2212 real (RMSE "
                                             f"{result['RMSE']:.1f} m)", "kind": "difference"},
    ]
    relief_panels(panels, OUT / "demo.png", columns=2,
                  title="Azores, Mid-Atlantic Ridge: 2' \u2192 1' (depths in m)")
    print(f"\nBicubic x2 against the real 1' grid: RMSE {result['RMSE']:.2f} m, "
          f"MAE {result['MAE']:.2f} m, bias {result['BIAS']:.2f} m, "
          f"max |error| {result['MAX_ABS_ERROR']:.1f} m over {result['COUNT']:,} cells.")
    print(f"Outputs in {OUT}: demo.png, comparison.html, {upsampled.name}")


if __name__ == "__main__":
    main()
