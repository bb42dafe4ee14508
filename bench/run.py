"""Run the benchmarks: every bench/bench_*.py, or those named on the command line.

Benchmarks measure; tests assert. Each benchmark prints its numbers next to a baseline
measured in the same run (ratios, not absolute claims) and may write files under
bench-output/. `make bench` runs them all; `make bench BENCH=bicubic` runs one.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names):
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
        if not scripts:
            sys.exit(f"No benchmark named {names}; have: "
                     + ", ".join(s.stem.removeprefix("bench_") for s in HERE.glob("bench_*.py")))
    failed = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(script)], cwd=HERE.parent)
        print(f"=== {script.stem}: exit {code}, {time.perf_counter() - start:.0f} s ===",
              flush=True)
        if code:
            failed.append(script.stem)
    if failed:
        sys.exit(f"Benchmarks that failed: {', '.join(failed)}")


if __name__ == "__main__":
    main(sys.argv[1:] or [n for n in os.environ.get("BENCH", "").split() if n])
