"""Small self-contained HTML reports (no external files, no JavaScript).

QGIS opens an HTML output in its results viewer and any browser shows it; every method
that reports (comparisons, dictionaries, isocon diagrams, P-T paths) builds its page
from these pieces so all reports look alike.
"""
from __future__ import annotations

import html
import math

from .files import write_atomically

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
    """Write a whole text file atomically (a temporary file moved into place)."""
    return write_atomically(path, lambda f: f.write(text), text=True)


def csv_text(header, rows, digits=6):
    """A CSV table (numbers to `digits` significant digits, NaN as empty)."""
    def cell(v):
        if isinstance(v, str):
            return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n') else v
        v = float("nan") if v is None else float(v)
        return "" if math.isnan(v) else f"{v:.{digits}g}"
    lines = [",".join(cell(h) for h in header)]
    lines += [",".join(cell(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def _ticks(lo, hi, n=5):
    """About n round tick values covering [lo, hi]."""
    span = hi - lo or abs(hi) or 1.0
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10 * mag)
    first = math.ceil(lo / step) * step
    return [first + i * step for i in range(int((hi - first) / step + 1e-9) + 1)]


def svg_plot(series, *, xlabel="", ylabel="", ellipses=(), width=560, height=380,
             invert_y=False):
    """Lines/points (and optional covariance ellipses) as inline SVG with axes.

    series: [(xs, ys, {"color", "line": bool, "marker": bool, "label", "dash"})];
    ellipses: [(cx, cy, sxx, syy, sxy, color)] drawn at 95% (chi2, 2 dof = 5.991).
    """
    xs_all = [x for xs, _, _ in series for x in xs if math.isfinite(x)]
    ys_all = [y for _, ys, _ in series for y in ys if math.isfinite(y)]
    for cx, cy, sxx, syy, _, _ in ellipses:
        xs_all += [cx - 2.5 * math.sqrt(sxx), cx + 2.5 * math.sqrt(sxx)]
        ys_all += [cy - 2.5 * math.sqrt(syy), cy + 2.5 * math.sqrt(syy)]
    if not xs_all or not ys_all:
        return "<p class='note'>No data to plot.</p>"
    x0, x1, y0, y1 = min(xs_all), max(xs_all), min(ys_all), max(ys_all)
    pad_x, pad_y = 0.03 * ((x1 - x0) or 1), 0.05 * ((y1 - y0) or 1)
    x0, x1, y0, y1 = x0 - pad_x, x1 + pad_x, y0 - pad_y, y1 + pad_y
    legend = [st for _, _, st in series if st.get("label")]
    left, right, top, bottom = 60, 20, 15, 45 + (16 if legend else 0)
    pw, ph = width - left - right, height - top - bottom

    def px(x):
        return left + (x - x0) / (x1 - x0) * pw

    def py(y):
        f = (y - y0) / (y1 - y0)
        return top + (f if invert_y else 1 - f) * ph

    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
           "font-size='11' font-family='sans-serif'>",
           f"<rect x='{left}' y='{top}' width='{pw}' height='{ph}' fill='none' stroke='#888'/>"]
    for t in _ticks(x0, x1):
        out.append(f"<line x1='{px(t):.1f}' x2='{px(t):.1f}' y1='{top + ph}' "
                   f"y2='{top + ph + 4}' stroke='#888'/><text x='{px(t):.1f}' "
                   f"y='{top + ph + 16}' text-anchor='middle'>{fmt(t, 4)}</text>")
    for t in _ticks(y0, y1):
        out.append(f"<line x1='{left - 4}' x2='{left}' y1='{py(t):.1f}' y2='{py(t):.1f}' "
                   f"stroke='#888'/><text x='{left - 6}' y='{py(t) + 4:.1f}' "
                   f"text-anchor='end'>{fmt(t, 4)}</text>")
    out.append(f"<text x='{left + pw / 2}' y='{top + ph + 32}' text-anchor='middle'>"
               f"{html.escape(xlabel)}</text><text x='14' y='{top + ph / 2}' "
               f"transform='rotate(-90 14 {top + ph / 2})' text-anchor='middle'>"
               f"{html.escape(ylabel)}</text>")
    for cx, cy, sxx, syy, sxy, color in ellipses:
        a, b, c = sxx, sxy, syy
        root = math.sqrt(((a - c) / 2) ** 2 + b * b)
        l1, l2 = (a + c) / 2 + root, max((a + c) / 2 - root, 0.0)
        angle = 0.5 * math.atan2(2 * b, a - c)
        k = math.sqrt(5.991)
        pts = []
        for i in range(37):
            u = 2 * math.pi * i / 36
            ex = k * (math.sqrt(l1) * math.cos(u) * math.cos(angle)
                      - math.sqrt(l2) * math.sin(u) * math.sin(angle))
            ey = k * (math.sqrt(l1) * math.cos(u) * math.sin(angle)
                      + math.sqrt(l2) * math.sin(u) * math.cos(angle))
            pts.append(f"{px(cx + ex):.1f},{py(cy + ey):.1f}")
        out.append(f"<polygon points='{' '.join(pts)}' fill='{color}' fill-opacity='0.12' "
                   f"stroke='{color}' stroke-opacity='0.5'/>")
    legend_x = left
    for xs, ys, style in series:
        color = style.get("color", "#4a7fb5")
        pts = [(px(x), py(y)) for x, y in zip(xs, ys) if math.isfinite(x) and math.isfinite(y)]
        if style.get("line", True) and len(pts) > 1:
            dash = " stroke-dasharray='5,3'" if style.get("dash") else ""
            out.append(f"<polyline points='{' '.join(f'{a:.1f},{b:.1f}' for a, b in pts)}' "
                       f"fill='none' stroke='{color}' stroke-width='1.5'{dash}/>")
        if style.get("marker", False):
            out += [f"<circle cx='{a:.1f}' cy='{b:.1f}' r='2.5' fill='{color}'/>"
                    for a, b in pts]
        if style.get("label"):
            out.append(f"<rect x='{legend_x}' y='{height - 15}' width='10' height='10' "
                       f"fill='{color}'/><text x='{legend_x + 14}' y='{height - 6}' "
                       f"fill='#333'>{html.escape(style['label'])}</text>")
            legend_x += 24 + 6.5 * len(style["label"])
    out.append("</svg>")
    return "".join(out)
