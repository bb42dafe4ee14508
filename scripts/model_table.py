"""Print the README's table of shipped networks from their model cards (models_onnx/*.json).

Usage: .venv/bin/python scripts/model_table.py [models_dir]
One row per model: architecture, scale, parameters, receptive field, and per held-out
grid the RMSE ratio to bicubic (model RMSE / bicubic RMSE, metres in brackets), then the
mean ratio.  The table is generated from the cards, never typed.
"""
import sys

from geoinverse.algorithms.bathymetry.superres import display_name, shipped_models


def table(directory=None):
    models = shipped_models(directory)
    if not models:
        return "(no model card found)"
    grids = []
    for _, card in models:    # every grid any card was scored on, in card order
        grids += [g for g in card["validation"]["held_out"] if g not in grids]
    cells = {}
    for _, card in models:
        cells.update(card["validation"].get("cell_sizes", {}))
    head = ["model", "scale", "parameters", "receptive field (cells)"] + [
        f"{g} ({cells[g]})" if cells.get(g) else g for g in grids] + ["mean ratio"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for _, card in models:
        held = card["validation"]["held_out"]
        row = [f"{held[g]['ratio']:.3f} ({held[g]['rmse']} / {held[g]['bicubic_rmse']})"
               if g in held else "" for g in grids]
        lines.append("| " + " | ".join(
            [display_name(card), f"x{card['scale']}",
             f"{card['parameters']:,}", str(card["receptive_field"])] + row
            + [f"**{card['validation']['mean_ratio']:.3f}**"]) + " |")
    return "\n".join(lines) + ("\n\nRatio = model RMSE / bicubic RMSE on held-out grids "
                               "(never used in training), RMSE in metres in brackets; "
                               "empty: the grid has fewer than 24 coarse cells across "
                               "at that scale.")


if __name__ == "__main__":
    print(table(sys.argv[1] if len(sys.argv) > 1 else None))
