"""Build the shipped Processing models (plugin/models/*.model3) with QGIS's model API.

Run: .venv/bin/python scripts/build_models.py   (headless QGIS; rewrites the files)
The models are editable afterwards in QGIS's graphical modeler like any other.
"""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_HASH_SEED", "0")   # the same file from the same model
ROOT = Path(__file__).resolve().parent.parent

from qgis.core import (QgsApplication, QgsProcessing,  # noqa: E402
                       QgsProcessingModelAlgorithm, QgsProcessingModelChildAlgorithm,
                       QgsProcessingModelChildParameterSource, QgsProcessingModelOutput,
                       QgsProcessingModelParameter, QgsProcessingParameterEnum,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterNumber)
from qgis.PyQt.QtCore import QPointF  # noqa: E402


def add_input(model, parameter, x, y):
    component = QgsProcessingModelParameter(parameter.name())
    component.setPosition(QPointF(x, y))
    model.addModelParameter(parameter, component)


def set_defaults(child, registry):
    """Give every unset mandatory parameter its algorithm's default, so the model
    validates in the graphical modeler (which requires them explicitly)."""
    algorithm = registry.algorithmById(child.algorithmId())
    for param in algorithm.parameterDefinitions():
        if (param.name() in child.parameterSources() or param.isDestination()
                or param.flags() & param.FlagOptional):
            continue
        child.addParameterSources(param.name(), [
            QgsProcessingModelChildParameterSource.fromStaticValue(param.defaultValue())])


def add_step(model, child_id, algorithm_id, description, sources, outputs, x, y):
    """A child algorithm; sources: {param: ("model", name) | ("child", id, output)};
    outputs: {child output: (NAME, description)}, exposed as CHILD_ID:NAME."""
    child = QgsProcessingModelChildAlgorithm(algorithm_id)
    child.setChildId(child_id)
    child.setDescription(description)
    child.setPosition(QPointF(x, y))
    for param, source in sources.items():
        if source[0] == "model":
            value = QgsProcessingModelChildParameterSource.fromModelParameter(source[1])
        elif source[0] == "child":
            value = QgsProcessingModelChildParameterSource.fromChildOutput(source[1], source[2])
        else:
            value = QgsProcessingModelChildParameterSource.fromStaticValue(source[1])
        child.addParameterSources(param, [value])
    model_outputs = {}
    for child_output, (name, description) in outputs.items():
        out = QgsProcessingModelOutput(name, description)
        out.setChildId(child_id)
        out.setChildOutputName(child_output)
        out.setPosition(QPointF(x + 200, y + 40 * (len(model_outputs) + 1)))
        model_outputs[name] = out
    child.setModelOutputs(model_outputs)
    set_defaults(child, QgsApplication.processingRegistry())
    model.addChildAlgorithm(child)


def soundings_to_grid(registry):
    """clean -> grid -> fill gaps -> super-resolve (issue #6)."""
    model = QgsProcessingModelAlgorithm("soundingstogrid", "Bathymetry \u2014 soundings",
                                        "soundings")
    model.setHelpContent({
        "ALG_DESC": (
            "Turns a layer of soundings into a high-resolution grid in one run: cleans the "
            "soundings (Clean soundings), grids the accepted ones (Grid soundings, median), "
            "fills the holes enclosed by data (Fill gaps) and super-resolves the grid with "
            "a shipped deep network (Super-resolve bathymetry). Every step is an ordinary "
            "GeoInverse algorithm: open the model in the graphical modeler to change any "
            "of them."),
        "SOUNDINGS": "A point layer of soundings in any CRS.",
        "DEPTH_FIELD": "The depth attribute (metres); empty uses the points' Z.",
        "ORDER": "IHO S-44 order whose vertical uncertainty is the cleaning threshold.",
        "CELL_SIZE": "Cell size of the grid in layer units; 0 = from the soundings.",
        "SCALE": "How many times finer the high-resolution grid is (2 or 4).",
        "NETWORK": "The network by name; auto = the recommended one for the scale.",
        "ACCEPTED": "Soundings kept by the cleaning, with residual and score.",
        "REJECTED": "Soundings rejected, with the reason.",
        "GRID": "Median depth per cell; nodata where no sounding falls.",
        "COUNT": "Soundings per cell.",
        "FILLED": "The grid with its enclosed holes filled.",
        "FILLED_MASK": "1 where a cell was filled, 0 where it is measured.",
        "HIGHRES": "The super-resolved grid (cells divided by the scale).",
        "FILL_PROVENANCE": "1 where a cell is measured, 2 where it was filled.",
        "PROVENANCE": "Per high-resolution cell: 3 = from a measured cell, 4 = from a "
                      "filled one, 0 = nodata."})
    order = registry.algorithmById("geoinverse:cleansoundings").parameterDefinition("ORDER")
    network = registry.algorithmById("geoinverse:superresolve").parameterDefinition("MODEL")
    add_input(model, QgsProcessingParameterFeatureSource(
        "SOUNDINGS", "Soundings (point layer)", [QgsProcessing.TypeVectorPoint]), 60, 60)
    add_input(model, QgsProcessingParameterField(
        "DEPTH_FIELD", "Depth field (empty: the points' Z)", None, "SOUNDINGS",
        QgsProcessingParameterField.Numeric, optional=True), 60, 130)
    add_input(model, QgsProcessingParameterEnum(
        "ORDER", "IHO S-44 order (cleaning threshold)", order.options(),
        defaultValue=order.defaultValue(), usesStaticStrings=True), 60, 200)
    cell = QgsProcessingParameterNumber(
        "CELL_SIZE", "Grid cell size in layer units (0 = from the soundings)",
        QgsProcessingParameterNumber.Double, 0.0, minValue=0.0)
    cell.setMetadata({"widget_wrapper": {"decimals": 2}})   # not 0.000000
    add_input(model, cell, 60, 270)
    add_input(model, QgsProcessingParameterEnum(
        "NETWORK", "Super-resolution network (auto = the recommended one for the scale)",
        network.options(), defaultValue=network.defaultValue(), usesStaticStrings=True),
        60, 340)
    add_input(model, QgsProcessingParameterNumber(
        "SCALE", "Super-resolution scale factor", QgsProcessingParameterNumber.Integer, 2,
        minValue=2), 60, 410)
    add_step(model, "clean", "geoinverse:cleansoundings", "Clean soundings",
             {"INPUT": ("model", "SOUNDINGS"), "DEPTH_FIELD": ("model", "DEPTH_FIELD"),
              "ORDER": ("model", "ORDER")},
             {"OUTPUT": ("ACCEPTED", "Accepted soundings"),
              "REJECTED": ("REJECTED", "Rejected soundings")}, 360, 60)
    add_step(model, "grid", "geoinverse:gridsoundings", "Grid soundings",
             {"INPUT": ("child", "clean", "OUTPUT"), "DEPTH_FIELD": ("model", "DEPTH_FIELD"),
              "CELL_SIZE": ("model", "CELL_SIZE")},
             {"OUTPUT": ("GRID", "Gridded depth"), "COUNT": ("COUNT", "Soundings per cell")}, 360, 200)
    add_step(model, "fill", "geoinverse:fillgaps", "Fill gaps",
             {"INPUT": ("child", "grid", "OUTPUT")},
             {"OUTPUT": ("FILLED", "Filled grid"), "FILLED_MASK": ("FILLED_MASK", "Filled cells"),
              "PROVENANCE": ("FILL_PROVENANCE", "Provenance of the filled grid (1 input, "
                                                "2 filled)")}, 360, 340)
    # the provenance travels on (issue 18): 3 = super-resolved from a measured cell,
    # 4 = from a filled one
    add_step(model, "superres", "geoinverse:superresolve", "Super-resolve",
             {"INPUT": ("child", "fill", "OUTPUT"), "MODEL": ("model", "NETWORK"),
              "SCALE": ("model", "SCALE"),
              "INPUT_PROVENANCE": ("child", "fill", "PROVENANCE")},
             {"OUTPUT": ("HIGHRES", "High-resolution grid"),
              "PROVENANCE": ("PROVENANCE", "Provenance of the high-resolution grid (3 from "
                                           "measured, 4 from filled cells)")}, 360, 480)
    model.setParameterOrder(["SOUNDINGS", "DEPTH_FIELD", "ORDER", "CELL_SIZE", "SCALE",
                             "NETWORK"])
    return model


def stable_attributes(path):
    """Qt writes each Option's attributes in a random order: put them back in the
    type, name, value order of the committed file, so a rebuild diffs only what
    changed."""
    import re

    def ordered(match):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        keys = [k for k in ("type", "name", "value") if k in attrs]
        keys += [k for k in attrs if k not in keys]
        return "<Option " + " ".join(f'{k}="{attrs[k]}"' for k in keys) + match.group(2)
    text = Path(path).read_text(encoding="utf-8")
    Path(path).write_text(re.sub(r'<Option ((?:\w+="[^"]*"\s*)+?)(/?>)', ordered, text),
                          encoding="utf-8")


def main():
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing
    Processing.initialize()
    import geoinverse
    plugin = geoinverse.classFactory(None)
    plugin.initProcessing()
    registry = QgsApplication.processingRegistry()
    out = ROOT / "plugin" / "models" / "soundingstogrid.model3"
    model = soundings_to_grid(registry)
    if not model.toFile(str(out)):
        sys.exit(f"could not write {out}")
    stable_attributes(out)
    print(f"wrote {out}")
    plugin.unload()


if __name__ == "__main__":
    main()
