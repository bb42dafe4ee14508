"""scripts/figure_uncertainty.py (docs/uncertainty.png) runs on a real grid."""
import importlib.util
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def test_figure_on_a_real_grid(data_dir, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "figure_uncertainty", ROOT / "scripts" / "figure_uncertainty.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "u.png"
    scores = module.main(data_dir / "azores_1m.tif", out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(scores) == 2
    for s in scores.values():
        assert np.isfinite(s["coverage95"]) and s["cells"] > 100 and s["spearman"] > 0.3
