"""Build the installable plugin zip: top folder geoinverse/, no tests, no dev tooling.

Usage: python3 scripts/package.py dist/geoinverse.zip
QGIS installs the result with Plugins > Manage and Install Plugins > Install from ZIP.
"""
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Development-only paths: never shipped to users.
EXCLUDED_DIRS = ("tests/", "training/", "bench/", "scripts/", ".ci/", "dist/")
# docs/ ships its text (the algorithms' Help buttons open it inside the installed
# plugin), not its pictures.
SHIPPED_DOCS = (".md",)
EXCLUDED_FILES = {"Makefile", "pytest.ini", "requirements-dev.txt", ".gitignore",
                  "pyproject.toml"}


def source_files():
    """Files git tracks or would track (not ignored), so uncommitted work is included."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return sorted(set(out.split("\n")) - {""})


def shipped(path):
    if path.startswith("docs/") and not path.endswith(SHIPPED_DOCS):
        return False
    return (not path.startswith(EXCLUDED_DIRS) and path not in EXCLUDED_FILES
            and not path.startswith(".") and "__pycache__" not in path
            and (ROOT / path).is_file())


def build(destination):
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    files = [f for f in source_files() if shipped(f)]
    with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in files:
            zf.write(ROOT / f, f"geoinverse/{f}")
    return destination, len(files)


if __name__ == "__main__":
    path, count = build(sys.argv[1] if len(sys.argv) > 1 else "dist/geoinverse.zip")
    print(f"Wrote {path} ({count} files, {path.stat().st_size / 1e6:.2f} MB)")
