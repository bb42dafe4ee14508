"""Small self-contained HTML reports (no external files, no JavaScript).

QGIS opens an HTML output in its results viewer and any browser shows it; every method
that reports (comparisons, dictionaries, isocon diagrams, P-T paths) builds its page
from these pieces so all reports look alike.
"""
from __future__ import annotations

import html
import math

STYLE = """body{font-family:sans-serif;margin:1.5em;max-width:60em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #bbb;
padding:3px 8px;text-align:right}th{background:#eee}td:first-child{text-align:left}
.note{color:#555;font-size:90%}"""


def fmt(value, digits=4):
    """A number as a person reads it: NaN as an em dash, integers without decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "\u2014"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.{digits}g}"


def table(header, rows):
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c if isinstance(c, str) else fmt(c))}"
                                    "</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def svg_bars(counts, edges, *, width=560, height=180, label="error"):
    """A histogram as inline SVG: bars between consecutive `edges`."""
    if not counts:
        return "<p class='note'>No data to plot.</p>"
    top = max(counts) or 1
    n = len(counts)
    bar_w = (width - 40) / n
    bars = []
    for i, c in enumerate(counts):
        h = (height - 30) * c / top
        bars.append(f"<rect x='{30 + i * bar_w:.1f}' y='{height - 20 - h:.1f}' "
                    f"width='{max(bar_w - 1, 1):.1f}' height='{h:.1f}' fill='#4a7fb5'/>")
    axis = (f"<text x='30' y='{height - 5}' font-size='11'>{fmt(edges[0], 3)}</text>"
            f"<text x='{width - 60}' y='{height - 5}' font-size='11'>{fmt(edges[-1], 3)}</text>"
            f"<text x='{width / 2 - 20}' y='{height - 5}' font-size='11'>{html.escape(label)}"
            "</text>")
    return (f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}'>"
            + "".join(bars) + axis + "</svg>")


def figure(width=6.0, height=4.0):
    """A matplotlib Figure (imported lazily) that needs no pyplot and no GUI backend.

    It never touches pyplot's global state, so it is safe in QGIS's worker threads and
    never changes the backend other plugins use in the desktop."""
    from .errors import require
    return require("matplotlib.figure").Figure(figsize=(width, height))


def svg_figure(fig):
    """A matplotlib figure as inline SVG for `page` (the XML prolog removed)."""
    import io
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def page(title, sections):
    """A whole HTML document from (heading, html) sections."""
    body = "".join(f"<h2>{html.escape(h)}</h2>{content}" for h, content in sections)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
            f"</title><style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f"{body}</body></html>")


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path
