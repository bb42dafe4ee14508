"""geoinverse:readsurvey — every beam of a GSF swath file as a point layer."""
import numpy as np
from qgis.core import (QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsField,
                       QgsFields, QgsGeometry, QgsPoint, QgsProcessingException,
                       QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFile, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

from ...algorithms.bathymetry.gsf import read_gsf
from .base import GeoInverseAlgorithm

HELP = """Reads a multibeam survey file in GSF (Generic Sensor Format: Kongsberg, CARIS, Qimera, MB-System format 121) into a point layer, one point per beam, so that it can be edited by hand, taught from and cleaned.

Use: a <b>GSF file</b>. Null beams (no detection) are left out unless <b>Keep null beams</b> is ticked.

Out: <b>Beams</b> (EPSG:4326, Z = -depth) with ping, beam, depth, across_m, along_m, beam_angle, the file's flag (gsf_flag, gsf_state) and <i>rejected</i> (1 = flagged by an editor or a filter, 0 = accepted): the label field for 'Train sounding cleaner'. 'Clean soundings' with <b>Survey file</b> set writes its rejections back into a copy of the file as GSF filter flags.

The <b>Help</b> button opens the full description: positions, flags, errors and the reference."""

FIELDS = (("ping", QVariant.Int), ("beam", QVariant.Int), ("depth", QVariant.Double),
          ("across_m", QVariant.Double), ("along_m", QVariant.Double),
          ("beam_angle", QVariant.Double), ("gsf_flag", QVariant.Int),
          ("gsf_state", QVariant.String), ("rejected", QVariant.Int))


class ReadSurveyAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "readsurvey"
    group_id = "soundings"
    display = "Read survey file (GSF)"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("GSF file"),
            fileFilter=self.tr("GSF files (*.gsf *.GSF *.mb121);;All files (*.*)")))
        self.addParameter(QgsProcessingParameterBoolean(
            "KEEP_NULL", self.tr("Keep null beams and beams of ignored pings"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Beams")))
        for key, label in (("BEAMS", "Beams written"), ("PINGS", "Pings"),
                           ("FLAGGED", "Beams flagged in the file (manual, filter, other)")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFile(parameters, "INPUT", context)
        survey = self.run_core(feedback, read_gsf, path)
        keep_null = self.parameterAsBool(parameters, "KEEP_NULL", context)
        fields = QgsFields()
        for name, kind in FIELDS:
            fields.append(QgsField(name, kind))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields,
                                          QgsWkbTypes.PointZ,
                                          QgsCoordinateReferenceSystem("EPSG:4326"))
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        s = survey
        keep = np.ones(len(s), dtype=bool) if keep_null else \
            ~np.isin(s.flag, ["null", "ping ignored"])
        written = 0
        for i in keep.nonzero()[0]:
            feature = QgsFeature(fields)
            if s.lon[i] == s.lon[i]:
                feature.setGeometry(QgsGeometry(QgsPoint(s.lon[i], s.lat[i], -s.depth[i])))
            flag = s.flag[i]
            rejected = None if flag in ("null", "ping ignored") else int(flag != "accepted")
            feature.setAttributes([int(s.ping[i]), int(s.beam[i]), _value(s.depth[i]),
                                   _value(s.across[i]), _value(s.along[i]),
                                   _value(s.angle[i]), int(s.flag_value[i]), flag, rejected])
            sink.addFeature(feature, QgsFeatureSink.FastInsert)
            written += 1
        c = s.counts
        feedback.pushInfo(self.tr(
            "{version}: {pings:,} pings, {beams:,} beams ({accepted:,} accepted, {manual:,} "
            "manual, {filter:,} filter, {other:,} other, {null:,} null, {ignored:,} in "
            "ignored pings); {written:,} written.").format(
            version=s.version, pings=c["pings"], beams=c["beams"], accepted=c["accepted"],
            manual=c["manual"], filter=c["filter"], other=c["other"], null=c["null"],
            ignored=c["ping ignored"], written=written))
        return {"OUTPUT": dest, "BEAMS": written, "PINGS": c["pings"],
                "FLAGGED": c["manual"] + c["filter"] + c["other"]}


def _value(v):
    return float(v) if v == v else None
