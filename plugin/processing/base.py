"""What every GeoInverse Processing algorithm shares: identity, help, errors, progress.

A subclass declares its `name`, `group_id`, `display`, `help` and parameters, and in
`processAlgorithm` calls one function of algorithms/ through `run_core`, which passes
progress and cancel callbacks and turns the science's InputError into the
QgsProcessingException QGIS shows to the user.
"""
import contextlib
import math
import os
import sys

from qgis.core import (QgsFeature, QgsFeatureSink, QgsField, QgsFields,
                       QgsProcessingAlgorithm, QgsProcessingContext, QgsProcessingException,
                       QgsProcessingLayerPostProcessorInterface, QgsProcessingUtils,
                       QgsProcessingParameterBand, QgsProcessingParameterDefinition,
                       QgsProcessingParameterEnum, QgsProcessingParameterNumber,
                       QgsProcessingParameterRasterDestination,
                       QgsProcessingParameterRasterLayer,
                       QgsWkbTypes)
from qgis.PyQt.QtCore import QCoreApplication, QUrl, QVariant

from ...algorithms.errors import Cancelled, InputError, missing, missing_dependency_message
from ...algorithms.tiling import DEFAULT_TILE

# The plugin's own docs, shipped in the zip: the Help button opens them there.
DOCS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "docs")

GROUPS = {
    "superresolution": "Bathymetry \u2014 super-resolution",
    "gridtools": "Bathymetry \u2014 grid tools",
    "soundings": "Bathymetry \u2014 soundings",
    "petrology": "Petrology",
    "setup": "Set-up",
}


class GeoInverseAlgorithm(QgsProcessingAlgorithm):
    """Base of every algorithm in the provider."""

    algorithm_name = ""
    group_id = ""
    display = ""
    help = ""
    # Optional packages the algorithm cannot run without (imported lazily by the science).
    requirements = ()
    # Packages only some choices need (e.g. one method of several): checked per run by
    # requirements_for(), installed by geoinverse:installdependencies like the others.
    option_requirements = ()

    def tr(self, text):
        return QCoreApplication.translate("GeoInverse", text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    def name(self):
        return self.algorithm_name

    def displayName(self):  # noqa: N802
        return self.tr(self.display)

    def group(self):
        return self.tr(GROUPS[self.group_id])

    def groupId(self):  # noqa: N802
        return self.group_id

    def shortHelpString(self):  # noqa: N802
        return self.tr(self.help)

    def helpUrl(self):  # noqa: N802
        return help_url(self.name())

    def icon(self):
        from ..provider import plugin_icon
        return plugin_icon()

    def canExecute(self):  # noqa: N802
        """Registered always; runnable only when its optional packages import (rule 4)."""
        absent = missing(self.requirements)
        if absent:
            return False, missing_dependency_message(absent, translate=self.tr)
        return True, ""

    def requirements_for(self, parameters, context):
        """The packages this run needs (a subclass adds those of the chosen options)."""
        return self.requirements

    def prepareAlgorithm(self, parameters, context, feedback):  # noqa: N802
        # processing.run and qgis_process do not consult canExecute() in QGIS 3.22.
        ok, message = self.canExecute()
        if ok:
            absent = missing(self.requirements_for(parameters, context))
            ok, message = (False, missing_dependency_message(absent, translate=self.tr)) if absent \
                else (True, "")
        if not ok:
            raise QgsProcessingException(message)
        return True

    def addParameter(self, param, createOutput=True):  # noqa: N802,N803
        """Every decimal number shows as many decimals as its default and minimum need
        (at least 2): QGIS's 6 would show a tension of 0 as 0.000000."""
        if (isinstance(param, QgsProcessingParameterNumber)
                and param.dataType() == QgsProcessingParameterNumber.Double):
            metadata = dict(param.metadata() or {})
            wrapper = dict(metadata.get("widget_wrapper") or {})
            wrapper.setdefault("decimals", decimals_for(param.defaultValue(),
                                                        param.minimum()))
            metadata["widget_wrapper"] = wrapper
            param.setMetadata(metadata)
        return super().addParameter(param, createOutput)

    def checkParameterValues(self, parameters, context):  # noqa: N802
        # Before QGIS's own check, which would only say "Incorrect parameter value".
        for param in self.parameterDefinitions():
            message = self._choice_error(param, parameters.get(param.name()))
            if message:
                return False, message
        with _quiet_statistics():   # QGIS loads the input layers to check them
            return super().checkParameterValues(parameters, context)

    # -- choices by name (rule 10) ----------------------------------------------------
    def add_choice(self, name, label, choices, default, multiple=False, optional=False):
        """A static-string enum: `choices` are stable ids, stored as such by scripts,
        batch files and models, so adding or reordering choices changes nothing saved.
        Numbers (indices) are refused with the list of names."""
        param = QgsProcessingParameterEnum(name, self.tr(label), list(choices), multiple,
                                           default, optional, usesStaticStrings=True)
        self.addParameter(param)
        return param

    def choice(self, parameters, name, context):
        """The id chosen for an add_choice parameter (a list of ids when multiple)."""
        param = self.parameterDefinition(name)
        message = self._choice_error(param, parameters.get(name))
        if message:
            raise QgsProcessingException(message)
        if param.allowMultiple():
            return self.parameterAsEnumStrings(parameters, name, context)
        return self.parameterAsEnumString(parameters, name, context)

    def _choice_error(self, param, value):
        """Why `value` is not a valid choice of a static-string enum, or None."""
        if (not isinstance(param, QgsProcessingParameterEnum) or not param.usesStaticStrings()
                or value is None or value == "" or value == []):
            return None
        if isinstance(value, str):
            values = value.split(",") if param.allowMultiple() else [value]
        elif isinstance(value, (list, tuple)):
            values = list(value)
        elif isinstance(value, (int, float)):
            values = [value]
        else:  # an expression or a model input: QGIS resolves it before the run
            return None
        bad = [v for v in values if not isinstance(v, str) or v.strip() not in param.options()]
        if not bad:
            return None
        hint = (" " + self.tr("Choices are given by name, not by number, so that a saved "
                              "script keeps its meaning when choices are added.")
                if not isinstance(bad[0], str) else "")
        return self.tr("{name}: {value!r} is not one of the choices; use one of: "
                       "{choices}.").format(name=param.name(), value=bad[0],
                                            choices=", ".join(param.options())) + hint

    # -- parameters shared by the raster methods ------------------------------------
    def add_raster_input(self, name="INPUT", label="Input grid", band_name="BAND"):
        self.addParameter(QgsProcessingParameterRasterLayer(name, self.tr(label)))
        if band_name:
            # Optional so that the default band 1 applies when BAND is left out (QGIS
            # 3.22 rejects a missing band value even when a default is set).
            self.addParameter(QgsProcessingParameterBand(
                band_name, self.tr("Band"), 1, name, optional=True))

    def add_tile_parameter(self, default=DEFAULT_TILE):
        param = QgsProcessingParameterNumber(
            "TILE", self.tr("Tile size (cells; memory is bounded by it)"),
            QgsProcessingParameterNumber.Integer, default, minValue=16)
        param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(param)

    def add_trust_outputs(self, provenance_input=False):
        """UNCERTAINTY and PROVENANCE outputs (issue 18), and with `provenance_input` an
        INPUT_PROVENANCE raster (the PROVENANCE of a filled input)."""
        if provenance_input:
            self.addParameter(QgsProcessingParameterRasterLayer(
                "INPUT_PROVENANCE", self.tr("Input provenance (PROVENANCE of 'Fill gaps'; "
                                            "optional)"), optional=True))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "UNCERTAINTY", self.tr("Uncertainty (one standard deviation, depth units)"),
            optional=True, createByDefault=False))
        self.addParameter(QgsProcessingParameterRasterDestination(
            "PROVENANCE", self.tr("Provenance (1 input, 2 filled, 3/4 super-resolved "
                                  "from measured/filled)"),
            optional=True, createByDefault=False))

    def trust_arguments(self, parameters, context, feedback, provenance_input=False):
        """Keyword arguments of the trust layers for a *_raster function."""
        kwargs = {key.lower(): self.optional_output(parameters, key, context)
                  for key in ("UNCERTAINTY", "PROVENANCE")}
        if provenance_input:
            kwargs["input_provenance"] = self.raster_path(parameters, "INPUT_PROVENANCE",
                                                          context, optional=True)
            kwargs["warn"] = feedback.pushWarning if feedback is not None else None
        return kwargs

    def trust_outputs(self, kwargs):
        """{UNCERTAINTY: path, PROVENANCE: path} of the trust layers written."""
        return {key: kwargs[key.lower()] for key in ("UNCERTAINTY", "PROVENANCE")
                if kwargs.get(key.lower())}

    def raster_path(self, parameters, name, context, optional=False):
        """The GDAL data source behind a raster parameter (None for an unset optional one)."""
        with _quiet_statistics():
            layer = self.parameterAsRasterLayer(parameters, name, context)
        if layer is None and optional:
            return None
        if layer is None:
            raise QgsProcessingException(self.invalidRasterError(parameters, name))
        if layer.providerType() != "gdal":
            raise QgsProcessingException(
                self.tr("{name}: layer '{layer}' comes from the '{provider}' provider; "
                        "GeoInverse reads rasters through GDAL. Save it as a GeoTIFF "
                        "first.").format(name=name, layer=layer.name(),
                                         provider=layer.providerType()))
        return layer.source()

    def output_path(self, parameters, name, context):
        path = self.parameterAsOutputLayer(parameters, name, context)
        return os.path.abspath(path)

    def optional_output(self, parameters, name, context):
        """The path of an optional raster output, or None when the user skipped it."""
        if parameters.get(name) in (None, ""):
            return None
        path = self.parameterAsOutputLayer(parameters, name, context)
        return os.path.abspath(path) if path else None

    # -- attribute tables (CSV, no-geometry layers, any vector layer's attributes) --------
    def table_rows(self, parameters, name, name_field, columns, context):
        """(row names, raw rows) of a feature source: NULL becomes None, values as given."""
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        names, rows = [], []
        for feature in source.getFeatures():
            names.append(_plain(feature[name_field]))
            rows.append([_plain(feature[c]) for c in columns])
        return names, rows

    def numeric_fields(self, parameters, name, context, exclude=()):
        """(fields, typed): the numeric fields of a source, or all its fields and False
        when it has none (a CSV read without type detection: the caller must look at
        the values)."""
        source = self.parameterAsSource(parameters, name, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, name))
        fields = [f for f in source.fields() if f.name() not in exclude]
        numeric = [f.name() for f in fields if f.isNumeric()]
        return (numeric, True) if numeric else ([f.name() for f in fields], False)

    def write_records(self, parameters, name, context, spec, records):
        """A table without geometry from dicts; `spec` is [(field, str|int|float)].

        NaN and None become NULL.  Returns the sink's destination id."""
        kinds = {str: QVariant.String, int: QVariant.Int, float: QVariant.Double}
        fields = QgsFields()
        for field, kind in spec:
            fields.append(QgsField(field, kinds[kind]))
        sink, dest = self.parameterAsSink(parameters, name, context, fields,
                                          QgsWkbTypes.NoGeometry)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        for record in records:
            feature = QgsFeature(fields)
            feature.setAttributes([_null(kind(record[field]) if record[field] is not None
                                         else None) for field, kind in spec])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
        return dest

    # -- results in the project (rule 12) ---------------------------------------------
    def load_on_completion(self, context, group, layers):
        """When the run completes in QGIS (the dialog, or processing.runAndLoadResults),
        add `layers` [(path, layer name, "raster"|"vector")] to the project, in a new layer
        group titled `group`.  processing.run and qgis_process load nothing."""
        if context.project() is None:
            return
        run = {"title": group, "node": None}   # one group for all the layers of the run
        hints = {"raster": QgsProcessingUtils.LayerHint.Raster,
                 "vector": QgsProcessingUtils.LayerHint.Vector}
        for path, name, kind in layers:
            details = QgsProcessingContext.LayerDetails(name, context.project(), name,
                                                        hints[kind])
            details.forceName = True
            # one post-processor per layer: the context deletes each one it holds
            details.setPostProcessor(_IntoGroup(run))
            context.addLayerToLoadOnCompletion(path, details)

    # -- calling the science -----------------------------------------------------------
    def run_core(self, feedback, function, *args, **kwargs):
        """Call `function` with progress/cancel callbacks; map its errors for QGIS."""
        if feedback is not None:
            kwargs.setdefault("progress", lambda f: feedback.setProgress(100.0 * f))
            kwargs.setdefault("cancelled", feedback.isCanceled)
        try:
            return function(*args, **kwargs)
        except InputError as error:
            raise QgsProcessingException(str(error)) from error
        except Cancelled as error:
            raise QgsProcessingException(self.tr("Cancelled; no output was written.")) \
                from error


def decimals_for(*values):
    """Decimals that show each of `values` exactly (2 to 6)."""
    needed = 2
    for value in values:
        if isinstance(value, (int, float)) and math.isfinite(value) and abs(value) < 1e9:
            text = f"{abs(value):.6f}".rstrip("0")
            needed = max(needed, len(text.split(".")[1]) if "." in text else 0)
    return min(needed, 6)


@contextlib.contextmanager
def _quiet_statistics():
    """QGIS computes a raster's statistics when it loads it; on an all-nodata grid GDAL
    then prints "ERROR 1: ... Failed to compute statistics", before the algorithm's own
    clear message. Silence that one message (GDAL's handlers are per thread); let every
    other GDAL error through as GDAL would print it."""
    from osgeo import gdal

    def handler(level, number, message):
        if "Failed to compute statistics" in (message or ""):
            return
        if level >= gdal.CE_Warning:
            kind = "Warning" if level == gdal.CE_Warning else "ERROR"
            sys.stderr.write(f"{kind} {number}: {message}\n")
    gdal.PushErrorHandler(handler)
    try:
        yield
    finally:
        gdal.PopErrorHandler()


def quiet_statistics_in_qgis_process():
    """qgis_process loads an algorithm's input layers itself, before any of our code runs:
    there, keep GDAL's 'Failed to compute statistics' out of the output for the whole
    (short-lived, one-run) process. The desktop is left alone."""
    from qgis.core import QgsApplication
    if QgsApplication.platform() == "qgis_process" and not _QUIET_PROCESS:
        _QUIET_PROCESS.append(_quiet_statistics())
        _QUIET_PROCESS[0].__enter__()


_QUIET_PROCESS = []


def help_url(name):
    """file:// URL of docs/help/NAME.md inside the installed plugin ("" if absent)."""
    path = os.path.join(DOCS_DIR, "help", f"{name}.md")
    return QUrl.fromLocalFile(path).toString() if os.path.exists(path) else ""


class _IntoGroup(QgsProcessingLayerPostProcessorInterface):
    """Moves each layer of one run, once QGIS has added it, into that run's group."""

    alive = []   # QGIS keeps only a pointer: the post-processors must outlive the run

    def __init__(self, run):
        super().__init__()
        self.run = run
        _IntoGroup.alive = _IntoGroup.alive[-200:] + [self]

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802
        project = context.project()
        if project is None or layer is None:
            return
        root = project.layerTreeRoot()
        if self.run["node"] is None:
            self.run["node"] = root.insertGroup(0, self.run["title"])
        group = self.run["node"]
        found = root.findLayer(layer.id())
        if found is None:
            group.addLayer(layer)
        elif found.parent() is not group:
            group.addChildNode(found.clone())
            found.parent().removeChildNode(found)


def _plain(value):
    """A QGIS attribute as a plain Python value (NULL -> None)."""
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    return value


def _null(value):
    return None if isinstance(value, float) and not math.isfinite(value) else value
