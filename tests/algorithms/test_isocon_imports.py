"""The isocon science imports neither QGIS nor matplotlib (the report imports it lazily)."""
import subprocess
import sys


def test_isocon_module_imports_no_qgis_and_no_matplotlib():
    code = ("import sys; import geoinverse.algorithms.petrology.isocon; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('qgis', 'PyQt5', 'matplotlib')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"
