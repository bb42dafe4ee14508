"""Point layers in and out for the sounding algorithms: numpy arrays for the science.

Shared by cleansoundings, trainsoundingcleaner and gridsoundings: the INPUT/DEPTH_FIELD
parameters, reading positions and depths (geometry Z or a field; NULL becomes NaN), and
the feature sinks that copy every input attribute plus the science's per-point fields.
"""
import numpy as np
from qgis.core import (QgsFeature, QgsFeatureRequest, QgsField, QgsFields,
                       QgsProcessing, QgsProcessingException,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsWkbTypes)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ...algorithms.bathymetry.soundings import S44_ORDERS

ORDERS = list(S44_ORDERS)


def add_soundings_input(alg):
    alg.addParameter(QgsProcessingParameterFeatureSource(
        "INPUT", alg.tr("Soundings (point layer)"), [QgsProcessing.TypeVectorPoint]))
    alg.addParameter(QgsProcessingParameterField(
        "DEPTH_FIELD", alg.tr("Depth field (empty: the points' Z)"), None, "INPUT",
        QgsProcessingParameterField.Numeric, optional=True))


def add_extra_fields(alg):
    alg.addParameter(QgsProcessingParameterField(
        "EXTRA_FIELDS", alg.tr("Beam / angle fields for the taught model"), None, "INPUT",
        QgsProcessingParameterField.Numeric, allowMultiple=True, optional=True))


def _number(value):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return np.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        return np.nan


def read_soundings(alg, parameters, context, feedback, extra_fields=(), label_field=None):
    """(source, x, y, z, crs, extras, labels) of the INPUT layer, in feature order."""
    source = alg.parameterAsSource(parameters, "INPUT", context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, "INPUT"))
    if QgsWkbTypes.isMultiType(source.wkbType()):
        raise QgsProcessingException(alg.tr(
            "The soundings layer holds multipoints; split them into single points first "
            "(Vector geometry > Multipart to singleparts)."))
    depth_field = alg.parameterAsString(parameters, "DEPTH_FIELD", context) or None
    if depth_field is None and not QgsWkbTypes.hasZ(source.wkbType()):
        raise QgsProcessingException(alg.tr(
            "The soundings layer has no Z values; choose its depth field (DEPTH_FIELD)."))
    crs = source.sourceCrs()
    if not crs.isValid():
        raise QgsProcessingException(alg.tr(
            "The soundings layer has no CRS; assign one so distances can be measured."))
    names = [f for f in [depth_field, label_field, *extra_fields] if f]
    fields = source.fields()
    request = QgsFeatureRequest().setSubsetOfAttributes([fields.lookupField(n) for n in names])
    rows, labels = [], []
    extras = {name: [] for name in extra_fields}
    for feature in source.getFeatures(request):
        if feedback.isCanceled():
            raise QgsProcessingException(alg.tr("Cancelled; no output was written."))
        geometry = feature.geometry()
        x = y = z = np.nan
        if not geometry.isNull():
            point = geometry.constGet()
            x, y, z = point.x(), point.y(), point.z()
        if depth_field:
            z = _number(feature[depth_field])
        rows.append((x, y, z))
        for name in extra_fields:
            extras[name].append(_number(feature[name]))
        if label_field:
            labels.append(feature[label_field])
    xyz = np.array(rows, dtype=float).reshape(-1, 3)
    extras = {k: np.array(v, dtype=float) for k, v in extras.items()}
    crs_id = crs.authid() if crs.authid().upper().startswith("EPSG:") else crs.toWkt()
    return source, xyz[:, 0], xyz[:, 1], xyz[:, 2], crs_id, extras, labels


def unique_field(fields, name):
    """`name`, or name_2, name_3... when the layer already has a field called so."""
    candidate, k = name, 2
    while fields.lookupField(candidate) >= 0:
        candidate, k = f"{name}_{k}", k + 1
    return candidate


def sink_with_fields(alg, parameters, name, context, source, added):
    """A feature sink with the input's fields plus `added` [(name, QVariant type)]."""
    fields = QgsFields(source.fields())
    actual = []
    for field_name, kind in added:
        unique = unique_field(fields, field_name)
        fields.append(QgsField(unique, kind))
        actual.append(unique)
    sink, dest = alg.parameterAsSink(parameters, name, context, fields, source.wkbType(),
                                     source.sourceCrs())
    if sink is None:
        raise QgsProcessingException(alg.invalidSinkError(parameters, name))
    return sink, dest, fields


def write_split(source, accepted_sink, rejected_sink, result, fields_ok, fields_bad, feedback):
    """Copy every input feature to one of the two sinks with its residual and score."""
    for i, feature in enumerate(source.getFeatures()):
        if feedback.isCanceled():
            raise QgsProcessingException(QCoreApplication.translate("GeoInverse",
                                                                    "Cancelled."))
        attrs = feature.attributes()
        extra = [_none(result.residual[i]), _none(result.score[i])]
        out = QgsFeature(fields_ok if result.accepted[i] else fields_bad)
        out.setGeometry(feature.geometry())
        if result.accepted[i]:
            out.setAttributes(attrs + extra)
            accepted_sink.addFeature(out)
        else:
            out.setAttributes(attrs + extra + [result.reason[i]])
            rejected_sink.addFeature(out)


def _none(value):
    return None if not np.isfinite(value) else float(value)


DOUBLE = QVariant.Double
STRING = QVariant.String


# -- swath fields (multibeam read from a survey file) ---------------------------------
SWATH_PARAMETERS = (
    ("PING_FIELD", "ping", "Ping number field (empty: the field 'ping', if any)"),
    ("BEAM_FIELD", "beam", "Beam number field (empty: the field 'beam', if any)"),
    ("ACROSS_FIELD", "across_m",
     "Across-track distance field, m (empty: the field 'across_m', if any)"),
    ("ANGLE_FIELD", "beam_angle",
     "Beam angle field, degrees (empty: the field 'beam_angle', if any)"))


def add_swath_fields(alg):
    """Ping, beam, across-track and angle fields; found by name when left empty."""
    for key, _, label in SWATH_PARAMETERS:
        alg.addParameter(QgsProcessingParameterField(
            key, alg.tr(label), None,
            "INPUT", QgsProcessingParameterField.Numeric, optional=True))


def swath_field_names(alg, parameters, context):
    """{ping, beam, across, angle: field or None}, or None without ping and beam fields."""
    source = alg.parameterAsSource(parameters, "INPUT", context)
    names = source.fields().names() if source is not None else []
    chosen = {}
    for (key, default, _), role in zip(SWATH_PARAMETERS, ("ping", "beam", "across", "angle")):
        given = alg.parameterAsString(parameters, key, context)
        chosen[role] = given or (default if default in names else None)
    return chosen if chosen["ping"] and chosen["beam"] else None


def swath_arrays(fields, extras):
    """Split the swath columns out of the extras read by read_soundings."""
    if fields is None:
        return None
    n = len(next(iter(extras.values())))
    return {role: extras.pop(f"__swath_{role}") if name else np.full(n, np.nan)
            for role, name in fields.items()}


def read_with_swath(alg, parameters, context, feedback, extra_fields, label_field=None):
    """read_soundings plus the swath columns: (..., extras, labels, swath or None)."""
    fields = swath_field_names(alg, parameters, context)
    wanted = list(extra_fields)
    aliases = {}
    for role, name in (fields or {}).items():
        if name:
            aliases[f"__swath_{role}"] = name
            if name not in wanted:
                wanted.append(name)
    out = read_soundings(alg, parameters, context, feedback, wanted, label_field)
    source, x, y, z, crs, extras, labels = out
    for alias, name in aliases.items():
        extras[alias] = extras[name]
    for name in set(wanted) - set(extra_fields):
        extras.pop(name)
    return source, x, y, z, crs, extras, labels, swath_arrays(fields, extras)


def write_flagged(source, sink, result, fields, feedback):
    """Every input feature, with residual, score, flag (accepted/rejected) and reason."""
    for i, feature in enumerate(source.getFeatures()):
        if feedback.isCanceled():
            raise QgsProcessingException(QCoreApplication.translate("GeoInverse",
                                                                    "Cancelled."))
        out = QgsFeature(fields)
        out.setGeometry(feature.geometry())
        ok = bool(result.accepted[i])
        out.setAttributes(feature.attributes() + [
            _none(result.residual[i]), _none(result.score[i]),
            "accepted" if ok else "rejected", "" if ok else result.reason[i]])
        sink.addFeature(out)
