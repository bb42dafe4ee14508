"""x8 super-resolution: cascades of the shipped x2 and x4 networks against bicubic on the
held-out grids (issue 22; docs/superresolution.md says which one is shipped and why).
Each cascade runs the plugin's runtime stage after stage on the whole grid (block means
at x8 as input); grids with fewer than 24 coarse cells across are left out.
Run: .venv/bin/python bench/bench_superres_x8.py  (a few minutes on 2 cores).
"""
import numpy as np
from common import save_json
from geoinverse.algorithms.bathymetry import superres
from geoinverse.algorithms.bathymetry.resample import bicubic_upsample
from geoinverse.training import regions
def rmse(a,b):
    ok=~(np.isnan(a)|np.isnan(b)); return float(np.sqrt(np.mean((a[ok]-b[ok])**2)))
M={n:superres.load_model(f"{superres.MODELS_DIR}/{n}.onnx") for n in ["fsrcnn_ens_x4","fsrcnn_ens_x2","fsrcnn_x4","fsrcnn_x2"]}
casc={"ens_x4>ens_x2":["fsrcnn_ens_x4","fsrcnn_ens_x2"],"ens_x2>ens_x2>ens_x2":["fsrcnn_ens_x2"]*3,
      "x4>x2":["fsrcnn_x4","fsrcnn_x2"],"ens_x2>ens_x4":["fsrcnn_ens_x2","fsrcnn_ens_x4"]}
res={}
for g,(c,fine) in regions.held_out_pairs(8, regions.NETWORK_HELD_OUT).items():
    if min(c.shape)<24: print("skip",g,c.shape); continue
    b=rmse(bicubic_upsample(c,8),fine); res[g]={"bicubic":b}
    for k,stages in casc.items():
        z=c
        for st in stages: z=superres.super_resolve(z,M[st]).astype(np.float64)
        res[g][k]=rmse(z,fine)/b
    print(g,c.shape,{k:round(v,4) for k,v in res[g].items()},flush=True)
for k in casc: print(k, round(np.mean([res[g][k] for g in res]),4), round(max(res[g][k] for g in res),4))
save_json("superres_x8", res)
