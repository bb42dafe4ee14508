"""Helpers shared by the benchmarks: timing with peak memory, and a results table."""
import json
import subprocess
import sys
import time
from pathlib import Path

OUTPUT = Path(__file__).resolve().parent.parent / "bench-output"


def output_dir():
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


def measure_command(argv, env=None):
    """Run a command in a child process: (seconds, peak RSS in MiB of that child)."""
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], capture_output=True,
                          text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed:\n{proc.stdout}\n{proc.stderr}")
    peak_kib = int(proc.stderr.strip().splitlines()[-1])
    return seconds, peak_kib / 1024.0


def measure_python(code):
    """Run Python code in a fresh interpreter (this venv): (seconds, peak RSS MiB)."""
    return measure_command([sys.executable, "-c", code])


def print_table(header, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) for i, h in enumerate(header)]
    line = "  ".join(str(h).ljust(w) for h, w in zip(header, widths))
    print(line)
    print("-" * len(line))
    for r in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)))


def save_json(name, payload):
    path = output_dir() / f"{name}.json"
    path.write_text(json.dumps(payload, indent=2))
    return path


def report_bars(failures, met="All bars met."):
    """Print the bars a benchmark missed (or `met`) and exit 1 when any was missed."""
    print("\nBars missed:" if failures else "\n" + met)
    for failure in failures:
        print("  -", failure)
    if failures:
        sys.exit(1)
