"""`make demo`: GeoInverse's main job on bundled real bathymetry, through qgis_process.

1. A real 1' grid of the Azores / Mid-Atlantic Ridge (tests/data/azores_1m.tif, a region
   held out from all training) is coarsened to 2' by 2 x 2 block means: what a coarser
   grid of the same survey looks like.
2. qgis_process brings it back to 1' with geoinverse:superresolve (the default deep
   network, ONNX), geoinverse:sparsesr (sparse coding over the shipped terrain
   dictionary) and geoinverse:bicubic (the baseline), and geoinverse:comparegrids scores
   each against the real 1' grid.
3. demo-output/demo.png shows input, the three results, the real grid, each one's error
   and network minus bicubic, hillshaded; demo-output/comparison_*.html have the numbers.
"""
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from geoinverse.algorithms.bathymetry.resample import block_mean_raster
from geoinverse.algorithms.bathymetry.superres import default_model, read_card
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
    # QGIS's Python sees the venv's pip packages (onnxruntime for superresolve), as a
    # user's `pip install --user onnxruntime` would give it.
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (env.get("PYTHONPATH"), sysconfig.get_paths()["purelib"]) if p)
    return env


def qgis_process(env, *args):
    command = [QGIS_PROCESS, *args]
    print("$", " ".join(command), flush=True)
    proc = subprocess.run(command, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"qgis_process failed:\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


# The x2 parameters of each method; superresolve's network by name (auto = the most
# accurate shipped x2 network).
METHODS = {"superresolve": ["SCALE=2", "MODEL=auto"], "sparsesr": ["SCALE=2"],
           "bicubic": ["SCALE=2"]}


def upsample_and_score(env, algorithm, coarse):
    """Run one x2 method through qgis_process and score it against the real grid."""
    out = OUT / f"azores_{algorithm}_x2.tif"
    qgis_process(env, "run", f"geoinverse:{algorithm}", "--", f"INPUT={coarse}",
                 *METHODS[algorithm], f"OUTPUT={out}")
    result = json.loads(qgis_process(
        env, "--json", "run", "geoinverse:comparegrids", "--", f"INPUT={out}",
        f"REFERENCE={GRID}", f"OUTPUT={OUT / f'{algorithm}_minus_real.tif'}",
        f"REPORT={OUT / f'comparison_{algorithm}.html'}"))["results"]
    return read_array(out)[0], result


def main():
    OUT.mkdir(exist_ok=True)
    coarse = OUT / "azores_2m_blockmean.tif"
    block_mean_raster(GRID, coarse, 2)
    with tempfile.TemporaryDirectory() as home:
        env = qgis_process_env(home)
        qgis_process(env, "plugins", "enable", "geoinverse")
        results = {name: upsample_and_score(env, name, coarse)
                   for name in METHODS}
    real, gt, crs, _ = read_array(GRID)
    low, lgt, _, _ = read_array(coarse)
    h, w = results["bicubic"][0].shape
    truth = real[:h, :w]
    panels = [{"array": low, "title": "input: 2' block means", "geotransform": lgt,
               "crs": crs}]
    panels += [{"array": grid, "title": f"geoinverse:{name} x2", "geotransform": gt,
                "crs": crs} for name, (grid, _) in results.items()]
    panels.append({"array": truth, "title": "real 1' grid (held out)", "geotransform": gt,
                   "crs": crs})
    panels += [{"array": grid - truth, "kind": "difference",
                "title": f"{name} \u2212 real (RMSE {r['RMSE']:.1f} m)"}
               for name, (grid, r) in results.items()]
    panels.append({"array": results["superresolve"][0] - results["bicubic"][0],
                   "kind": "difference",
                   "title": f"network ({read_card(default_model())['name']}) \u2212 bicubic"})
    relief_panels(panels, OUT / "demo.png", columns=3,
                  title="Azores, Mid-Atlantic Ridge: 2' \u2192 1' (depths in m)")
    print()
    for name, (_, r) in results.items():
        print(f"{name:12s} x2 against the real 1' grid: RMSE {r['RMSE']:.2f} m, "
              f"MAE {r['MAE']:.2f} m, bias {r['BIAS']:.2f} m, max |error| "
              f"{r['MAX_ABS_ERROR']:.1f} m over {r['COUNT']:,} cells.")
    for name in ("superresolve", "sparsesr"):
        ratio = results[name][1]["RMSE"] / results["bicubic"][1]["RMSE"]
        print(f"{name} RMSE / bicubic RMSE = {ratio:.3f}")
    print(f"Outputs in {OUT}: demo.png, comparison_*.html, azores_*_x2.tif")


if __name__ == "__main__":
    main()
