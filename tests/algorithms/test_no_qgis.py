"""Rule 1 of DESIGN.md: nothing under algorithms/ imports QGIS, PyQt or processing."""
import ast
from pathlib import Path

ALGORITHMS = Path(__file__).resolve().parents[2] / "algorithms"
FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "processing", "sip")
HEAVY = ("onnxruntime", "sklearn", "torch")


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node, node.module


def test_algorithms_package_is_scanned():
    assert len(list(ALGORITHMS.rglob("*.py"))) >= 5


def test_algorithms_never_import_qgis():
    offenders = [f"{p.relative_to(ALGORITHMS)}:{node.lineno} imports {name}"
                 for p in ALGORITHMS.rglob("*.py")
                 for node, name in imported_modules(p)
                 if name.split(".")[0] in FORBIDDEN]
    assert not offenders, offenders


def test_heavy_packages_are_imported_lazily():
    """onnxruntime/scikit-learn only inside functions, so the provider always loads."""
    offenders = []
    for p in ALGORITHMS.rglob("*.py"):
        tree = ast.parse(p.read_text())
        for node in tree.body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) \
                    else [node.module or ""]
                offenders += [f"{p.name}:{node.lineno} {n}" for n in names
                              if n.split(".")[0] in HEAVY]
    assert not offenders, offenders


def test_the_scan_catches_a_qgis_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from qgis.core import QgsRasterLayer\n")
    assert [name for _, name in imported_modules(bad)] == ["qgis.core"]
