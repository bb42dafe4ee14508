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

HELP = """Finds the blunders in a point cloud of soundings (multibeam, single-beam, lidar): spikes, multipath, fish, bubbles, outer-beam noise. Every input point goes to exactly one of the two outputs; none is dropped silently.

<b>Model</b>: depth = smooth local surface + sparse blunders + small noise. The soundings are binned into cells; a plane is fitted to every overlapping 3 x 3-cell neighbourhood by iteratively reweighted least squares with Tukey's biweight (a robust M-estimator: blunders of any size get zero weight, so the blunder term is sparse), first on neighbourhoods four times wider so that a burst of blunders filling a small neighbourhood is still a minority, then at full resolution. A sounding is rejected when |residual| to its neighbourhood's surface exceeds the larger of the threshold and 3 x the neighbourhood's robust noise scale. All neighbourhoods are solved at once in numpy (about 10<sup>5</sup> soundings per second).

Parameters:
- <b>Soundings</b>: a point layer in any CRS (geographic coordinates are projected to the UTM zone of the data, so EPSG:4326 and UTM give the same decisions).
- <b>Depth field</b>: the depth attribute (metres); empty uses the points' Z. NULL depths are rejected with the reason "no depth (NULL)".
- <b>IHO S-44 order</b>: Exclusive, Special, 1a, 1b or 2; the threshold is the order's total vertical uncertainty TVU = sqrt(a<sup>2</sup> + (b d)<sup>2</sup>) at the surface depth d (S-44 Edition 6, Table 1).
- <b>Threshold in metres</b>: when above 0, used instead of the order.
- <b>Soundings are in survey order along lines</b> (single-beam, trackline data): consecutive features are consecutive pings of a line (a step over 5 x the median step starts a new line). Each sounding is then also judged against a robust fit of its own line (the same two-scale biweight fits on the along-line distance, band 4 x the line's noise scale), and rejected when either test rejects it (reason "along-line |residual| ..."). Sparse single-beam lines are dense along the line but km apart, so a spatial neighbourhood alone is too wide to follow the seabed. Off by default: multibeam swaths need only the spatial test, and the option is meaningless when the features are not in survey order. Ignored with a taught model.
- <b>Taught model</b> (optional): a .npz file written by "Train sounding cleaner"; the taught classifier then decides (probability of a blunder above 0.5), from the features it was taught on (local surface, the range of depths around the sounding, and for multibeam the ping profile, neighbouring pings and place in the swath). An input lacking a field the model needs is refused before anything is written.
- <b>Beam / angle fields</b>: the extra attributes the model was taught with.
- <b>Ping, beam, across-track and beam angle fields</b>: the sounding's place in its swath (a layer from "Read survey file" has them as ping, beam, across_m and beam_angle, found by name). A model taught with them judges each beam against its ping's across-track profile, the same beam in the neighbouring pings and its place in the swath; it needs them.
- <b>Survey file</b> (optional): the GSF file the layer was read from. With <b>Flagged copy of the survey file</b> set, a copy of it is written in which every sounding rejected here carries the GSF filter flag (0x09); beams the file already flags keep their flags, and the survey file itself is never changed.
- <b>Cell size</b> (advanced, metres, 0 = from the soundings' spacing, about six soundings per cell).

Outputs: <b>Accepted</b> soundings with all input attributes plus <i>residual</i> (m) and <i>score</i> (|residual| / threshold, or the model's blunder probability) and <b>Rejected</b> soundings with the same plus <i>reason</i>; optionally <b>All soundings, flagged</b>: every sounding once, with <i>flag</i> (accepted / rejected) and <i>reason</i>, so nothing is deleted. Soundings whose neighbourhood holds fewer than 4 soundings cannot be judged and are kept; the log counts them.

References: Debese & Bisquay 1999 (robust local surface, Int. Hydrogr. Rev.); Calder & Mayer 2003 (CUBE, G-cubed); MB-System mbclean/mbareaclean; IHO S-44 Edition 6 (2020)."""


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
            feedback.pushInfo(f"{copy}: {newly:,} beams newly flagged as filter-edited, "
                              f"{already:,} rejected beams were flagged in the file already.")
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
        rule = "taught model" if model else (f"{metres:g} m" if metres else f"S-44 order {order}")
        if lines and not model:
            rule += ", spatial and along-line tests"
        feedback.pushInfo(
            f"{c['input']:,} soundings: {c['accepted']:,} accepted, {c['rejected']:,} "
            f"rejected ({c['no_depth']:,} without depth, {c['no_position']:,} without "
            f"position); threshold: {rule}; cells {result.cell_size:.3g} m; "
            f"{c['unjudged']:,} kept unjudged (fewer than 4 soundings around them).")
        return {"OUTPUT": ok_dest, "REJECTED": bad_dest, **outputs,
                "ACCEPTED_COUNT": c["accepted"], "REJECTED_COUNT": c["rejected"]}
