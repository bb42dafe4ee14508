"""geoinverse:cleansoundings — robust local surfaces split soundings into kept and rejected."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterDefinition,
                       QgsProcessingParameterFeatureSink, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber)

from ...algorithms.bathymetry.gsf import flag_survey
from ...algorithms.bathymetry.soundings import clean_soundings, load_model
from .base import GeoInverseAlgorithm
from .soundings_io import (DOUBLE, ORDERS, STRING, add_extra_fields, add_soundings_input,
                           add_swath_fields, read_with_swath, sink_with_fields,
                           write_flagged, write_split)

HELP = """Finds the blunders in a layer of soundings (spikes, multipath, fish, outer-beam noise) and splits the layer into accepted and rejected soundings. Every input point goes to exactly one of the two.

Use: a point layer of <b>Soundings</b> in any CRS, its <b>Depth field</b> (empty: the points' Z) and an <b>IHO S-44 order</b> (or a threshold in metres). Tick <b>survey order along lines</b> for single-beam lines. A <b>Taught model</b> from 'Train sounding cleaner' applies a hydrographer's own judgement.

For a multibeam file read with 'Read survey file (GSF)', give the <b>Survey file</b> too: the ping, beam, across-track and beam angle fields are found by name, and a <b>Flagged copy of the survey file</b> gets the rejections as GSF filter flags (the file itself is never changed).

Out: <b>Accepted</b> soundings with a residual and a score, <b>Rejected</b> soundings with the reason, and both counts; optionally <b>All soundings, flagged</b> (every sounding once, flag accepted/rejected and reason) and the flagged GSF copy.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class CleanSoundingsAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "cleansoundings"
    group_id = "soundings"
    display = "Clean soundings (sparse outlier model)"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        add_soundings_input(self)
        self.add_choice("ORDER", "IHO S-44 order (threshold = TVU)", ORDERS, "1a")
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_M", self.tr("Threshold in metres (0 = from the order)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterBoolean(
            "ALONG_TRACK", self.tr("Soundings are in survey order along lines (single-beam)"),
            defaultValue=False))
        self.addParameter(QgsProcessingParameterFile(
            "MODEL", self.tr("Taught model (.npz from Train sounding cleaner)"),
            extension="npz", optional=True))
        add_extra_fields(self)
        add_swath_fields(self)
        self.addParameter(QgsProcessingParameterFile(
            "SURVEY", self.tr("Survey file the soundings were read from (GSF)"),
            optional=True,
            fileFilter=self.tr("GSF files (*.gsf *.GSF *.mb121);;All files (*.*)")))
        cell = QgsProcessingParameterNumber(
            "CELL_SIZE", self.tr("Cell size in metres (0 = from the soundings' spacing)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=0.0)
        cell.setFlags(cell.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(cell)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Accepted soundings")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "REJECTED", self.tr("Rejected soundings")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "FLAGGED", self.tr("All soundings, flagged"), optional=True,
            createByDefault=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            "SURVEY_OUTPUT", self.tr("Flagged copy of the survey file"),
            self.tr("GSF files (*.gsf)"), optional=True, createByDefault=False))
        for key, label in (("ACCEPTED_COUNT", "Accepted"), ("REJECTED_COUNT", "Rejected")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        extra_fields = self.parameterAsFields(parameters, "EXTRA_FIELDS", context)
        source, x, y, z, crs, extras, _, swath = read_with_swath(
            self, parameters, context, feedback, extra_fields)
        model_path = self.parameterAsFile(parameters, "MODEL", context)
        model = self.run_core(None, load_model, model_path) if model_path else None
        metres = self.parameterAsDouble(parameters, "THRESHOLD_M", context) or None
        cell = self.parameterAsDouble(parameters, "CELL_SIZE", context) or None
        order = self.choice(parameters, "ORDER", context)
        lines = self.parameterAsBool(parameters, "ALONG_TRACK", context)
        survey = self.parameterAsFile(parameters, "SURVEY", context)
        copy = self.parameterAsFileOutput(parameters, "SURVEY_OUTPUT", context) \
            if parameters.get("SURVEY_OUTPUT") else None
        if copy and not (survey and swath):
            raise QgsProcessingException(self.tr(
                "A flagged copy needs the survey file the soundings came from (SURVEY) "
                "and their ping and beam fields; read the file with 'Read survey file'."))
        result = self.run_core(feedback, clean_soundings, x, y, z, crs, order=order,
                               metres=metres, cell_size=cell, model=model, extra=extras,
                               along_track=lines, swath=swath)
        outputs = {}
        if copy:  # every check first: an unknown ping/beam writes nothing at all
            newly, already = self.run_core(None, flag_survey, survey, copy, swath["ping"],
                                           swath["beam"], ~result.accepted)
            feedback.pushInfo(self.tr(
                "{copy}: {newly:,} beams newly flagged as filter-edited, {already:,} rejected "
                "beams were flagged in the file already.").format(copy=copy, newly=newly,
                                                                  already=already))
            outputs["SURVEY_OUTPUT"] = copy
        added = [("residual", DOUBLE), ("score", DOUBLE)]
        ok_sink, ok_dest, ok_fields = sink_with_fields(
            self, parameters, "OUTPUT", context, source, added)
        bad_sink, bad_dest, bad_fields = sink_with_fields(
            self, parameters, "REJECTED", context, source, added + [("reason", STRING)])
        write_split(source, ok_sink, bad_sink, result, ok_fields, bad_fields, feedback)
        if parameters.get("FLAGGED"):
            sink, outputs["FLAGGED"], fields = sink_with_fields(
                self, parameters, "FLAGGED", context, source,
                added + [("flag", STRING), ("reason", STRING)])
            write_flagged(source, sink, result, fields, feedback)
        c = result.counts
        rule = self.tr("taught model") if model else (
            f"{metres:g} m" if metres else self.tr("S-44 order {order}").format(order=order))
        if lines and not model:
            rule += self.tr(", spatial and along-line tests")
        feedback.pushInfo(self.tr(
            "{input:,} soundings: {accepted:,} accepted, {rejected:,} rejected ({no_depth:,} "
            "without depth, {no_position:,} without position); threshold: {rule}; cells "
            "{cell:.3g} m; {unjudged:,} kept unjudged (fewer than 4 soundings around "
            "them).").format(rule=rule, cell=result.cell_size, **c))
        return {"OUTPUT": ok_dest, "REJECTED": bad_dest, **outputs,
                "ACCEPTED_COUNT": c["accepted"], "REJECTED_COUNT": c["rejected"]}
