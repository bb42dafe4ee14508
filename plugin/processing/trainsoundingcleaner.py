"""geoinverse:trainsoundingcleaner — learn a surveyor's accept/reject edits."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber)

from ...algorithms.bathymetry.soundings import parse_labels, save_model, train_cleaner
from .base import GeoInverseAlgorithm
from .soundings_io import (ORDERS, add_extra_fields, add_soundings_input, add_swath_fields,
                           read_with_swath)

HELP = """Teaches a sounding cleaner from a survey a hydrographer has already cleaned by hand, so that "Clean soundings" can apply the same judgement to new surveys (its <b>Taught model</b> parameter).

- <b>Soundings</b>: the teacher survey, a point layer in any CRS, with <b>Depth field</b> (empty: the points' Z).
- <b>Field marking rejected soundings</b>: non-zero / true / "rejected" (also reject, bad, yes, x) marks a blunder; zero / false / "accepted" (also good, no, empty) a good sounding; NULL soundings are left out of the teaching.
- <b>IHO S-44 order</b> and <b>Threshold in metres</b>: as in Clean soundings; the features are measured against the same threshold.
- <b>Beam / angle fields</b>: optional numeric attributes (quality factors, intensities) used as extra features; layers cleaned with the model must carry them.
- <b>Ping, beam, across-track and beam angle fields</b>: a multibeam sounding's place in its swath (found by name in a layer from "Read survey file": ping, beam, across_m, beam_angle). With ping and beam the model also learns from each beam's deviation from its ping's robust across-track profile (narrow and wide running medians), from the same beam in the two pings on either side, and from the across-track distance, obliquity, beam angle and place between the swath's ends. To teach from a GSF file's own edits, read it with "Read survey file" and choose the field <i>rejected</i>; to teach on part of a line, select those pings first.

Method: every sounding gets features of its local geometry from the robust local surface of Clean soundings (residual, residual over the neighbourhood's noise and over the threshold, noise scale, number of neighbours, slope, offset from the cell median, depth), its height above the lowest and below the highest soundings around it at two wider scales, the swath features above when ping and beam are known, plus the chosen attributes. A gradient-boosted tree classifier (scikit-learn, Friedman 2001) learns the surveyor's decisions from them.

Output: <b>Model file</b> (.npz): the trees as plain numeric arrays and a JSON description. It is read with numpy's allow_pickle=False and evaluated by GeoInverse's own code, so opening a model file can never run code. Needs scikit-learn to teach (not to apply)."""


class TrainSoundingCleanerAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "trainsoundingcleaner"
    group_id = "soundings"
    display = "Train sounding cleaner"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        add_soundings_input(self)
        self.addParameter(QgsProcessingParameterField(
            "LABEL_FIELD", self.tr("Field marking rejected soundings"), None, "INPUT"))
        self.add_choice("ORDER", "IHO S-44 order", ORDERS, "1a")
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD_M", self.tr("Threshold in metres (0 = from the order)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=0.0))
        add_extra_fields(self)
        add_swath_fields(self)
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", self.tr("Model file"), self.tr("Sounding cleaner model (*.npz)")))
        for key, label in (("TEACHER_SOUNDINGS", "Labelled soundings used"),
                           ("TEACHER_REJECTED", "Of which rejected")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        extra_fields = self.parameterAsFields(parameters, "EXTRA_FIELDS", context)
        label_field = self.parameterAsString(parameters, "LABEL_FIELD", context)
        _, x, y, z, crs, extras, labels, swath = read_with_swath(
            self, parameters, context, feedback, extra_fields, label_field)
        marks = self.run_core(None, parse_labels, labels)
        metres = self.parameterAsDouble(parameters, "THRESHOLD_M", context) or None
        order = self.choice(parameters, "ORDER", context)
        model = self.run_core(feedback, train_cleaner, x, y, z, crs, marks, order=order,
                              metres=metres, extra=extras, swath=swath)
        path = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        self.run_core(None, save_model, model, path)
        m = model.meta
        feedback.pushInfo(f"Taught on {m['teacher_soundings']:,} labelled soundings "
                          f"({m['teacher_rejected']:,} rejected) with features "
                          f"{', '.join(m['features'])}; model written to {path}.")
        return {"OUTPUT": path, "TEACHER_SOUNDINGS": m["teacher_soundings"],
                "TEACHER_REJECTED": m["teacher_rejected"]}
