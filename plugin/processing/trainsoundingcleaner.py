"""geoinverse:trainsoundingcleaner — learn a surveyor's accept/reject edits."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber)

from ...algorithms.bathymetry.soundings import parse_labels, save_model, train_cleaner
from .base import GeoInverseAlgorithm
from .soundings_io import (ORDERS, add_extra_fields, add_soundings_input, add_swath_fields,
                           read_with_swath)

HELP = """Teaches a sounding cleaner from a survey a hydrographer has already cleaned by hand, so that 'Clean soundings' can apply the same judgement to new surveys.

Use: the cleaned <b>Soundings</b>, the <b>Field marking rejected soundings</b> (1/true/"rejected" = blunder) and the same <b>IHO S-44 order</b> as for cleaning. Beam or angle fields are optional extra features. For multibeam read with 'Read survey file (GSF)', the ping, beam, across-track and beam angle fields (found by name) let the model judge each beam against its ping, the neighbouring pings and its place in the swath; teach from the file's own edits with the field <i>rejected</i>.

Out: a <b>Model file</b> (.npz) for the <b>Taught model</b> of 'Clean soundings'. Opening it never runs code.

Needs the Python package scikit-learn to teach (not to apply): Plugins > GeoInverse > Install missing packages.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class TrainSoundingCleanerAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "trainsoundingcleaner"
    group_id = "soundings"
    display = "Train sounding cleaner"
    help = HELP
    requirements = ("sklearn",)  # the gradient-boosted trees (applying needs none)

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
        feedback.pushInfo(self.tr(
            "Taught on {soundings:,} labelled soundings ({rejected:,} rejected) with "
            "features {features}; model written to {path}.").format(
            soundings=m["teacher_soundings"], rejected=m["teacher_rejected"],
            features=", ".join(m["features"]), path=path))
        return {"OUTPUT": path, "TEACHER_SOUNDINGS": m["teacher_soundings"],
                "TEACHER_REJECTED": m["teacher_rejected"]}
