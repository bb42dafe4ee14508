"""geoinverse:isocon, mass transfer from a composition table (classical or sparse isocon)."""
from qgis.core import (QgsProcessing, QgsProcessingException,
                       QgsProcessingParameterDefinition,
                       QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)
from qgis.PyQt.QtCore import QCoreApplication

from ...algorithms import report
from ...algorithms.petrology.isocon import (DEFAULT_ESTIMATOR, DEFAULT_Q, DEFAULT_Q_SCAN,
                                            DEFAULT_TOLERANCE, ESTIMATORS, MODES,
                                            RECORD_FIELDS, isocon_table, report_html)
from .base import GeoInverseAlgorithm

HELP = """Estimates which elements were gained or lost when a rock was altered, and the mass change, from whole-rock compositions (isocon analysis).

Use: a <b>Composition table</b> (CSV or any layer, one row per sample), its <b>Sample name field</b> and the <b>Reference (protolith) sample</b>. <b>Mode</b> <i>sparse</i> (default) finds the immobile elements itself; <i>classical</i> uses the <b>Immobile elements</b> you name.

Out: a table of the gain or loss of every element in every sample, with the mass change, and an HTML <b>Report</b> with the isocon diagrams.

The sparse mode is our own formulation after the abstract of Kuwatani et al. (2020), whose full text we could not read; it may differ from the paper.

Needs the Python package matplotlib for the report.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class IsoconAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "isocon"
    group_id = "petrology"
    display = "Isocon analysis (mass transfer)"
    help = HELP
    requirements = ("matplotlib",)  # the report's diagrams

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", self.tr("Composition table"), [QgsProcessing.TypeVector]))
        self.addParameter(QgsProcessingParameterField(
            "SAMPLE_FIELD", self.tr("Sample name field"), parentLayerParameterName="INPUT"))
        self.addParameter(QgsProcessingParameterString(
            "REFERENCE", self.tr("Reference (protolith) sample")))
        self.addParameter(QgsProcessingParameterString(
            "SAMPLES", self.tr("Samples to analyse (comma-separated; default all others)"),
            optional=True))
        self.addParameter(QgsProcessingParameterField(
            "ELEMENTS", self.tr("Element columns (default: all numeric)"),
            parentLayerParameterName="INPUT", allowMultiple=True, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "UNITS", self.tr("Units (e.g. 'Ti=wt%, Au=ppb'; default by name)"), optional=True))
        self.add_choice("MODE", "Mode", MODES, "sparse")
        self.addParameter(QgsProcessingParameterField(
            "IMMOBILE", self.tr("Immobile elements (classical mode)"),
            parentLayerParameterName="INPUT", allowMultiple=True, optional=True))
        estimator = self.add_choice("ESTIMATOR", "Slope from the immobile ratios", ESTIMATORS,
                                    DEFAULT_ESTIMATOR)
        estimator.setFlags(estimator.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(QgsProcessingParameterNumber(
            "Q", self.tr("q (sparse mode: 2 = least squares, smaller = sparser)"),
            QgsProcessingParameterNumber.Double, DEFAULT_Q, minValue=0.01, maxValue=2.0))
        self.addParameter(QgsProcessingParameterString(
            "Q_SCAN", self.tr("q scan (comma-separated, sparse mode)"),
            ", ".join(f"{q:g}" for q in DEFAULT_Q_SCAN), optional=True))
        tolerance = QgsProcessingParameterNumber(
            "TOLERANCE", self.tr("Tolerance (RMS log change of an immobile element)"),
            QgsProcessingParameterNumber.Double, DEFAULT_TOLERANCE, minValue=0.001)
        tolerance.setFlags(tolerance.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        self.addParameter(tolerance)
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Isocon table"), QgsProcessing.TypeVector))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", self.tr("Report"), self.tr("HTML files (*.html)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        name_field = self.parameterAsString(parameters, "SAMPLE_FIELD", context)
        columns, typed = self.parameterAsFields(parameters, "ELEMENTS", context), True
        if not columns:
            columns, typed = self.numeric_fields(parameters, "INPUT", context, (name_field,))
        names, rows = self.table_rows(parameters, "INPUT", name_field, columns, context)
        mode = self.choice(parameters, "MODE", context)
        samples = _split(self.parameterAsString(parameters, "SAMPLES", context))
        q_scan = [_number(v) for v in _split(
            self.parameterAsString(parameters, "Q_SCAN", context))]
        result = self.run_core(
            feedback, isocon_table, names, columns, rows,
            self.parameterAsString(parameters, "REFERENCE", context).strip(),
            samples=samples, guess_columns=not typed, units_text=self.parameterAsString(parameters, "UNITS", context),
            mode=mode, immobile=[e for f in self.parameterAsFields(parameters, "IMMOBILE", context)
                                 for e in _split(f)],
            q=self.parameterAsDouble(parameters, "Q", context),
            tolerance=self.parameterAsDouble(parameters, "TOLERANCE", context),
            q_scan=q_scan if mode == "sparse" else None,
            estimator=self.choice(parameters, "ESTIMATOR", context) or DEFAULT_ESTIMATOR)
        html = self.run_core(None, report_html, result)
        dest = self.write_records(parameters, "OUTPUT", context, RECORD_FIELDS,
                                  result.records())
        report_path = self.parameterAsFileOutput(parameters, "REPORT", context)
        report.write(report_path, html)
        feedback.pushInfo(self.tr("Reference {reference}; {mode} isocon; immobile: "
                                  "{immobile}.").format(
            reference=result.reference, mode=mode,
            immobile=", ".join(result.immobile_names) or self.tr("none")))
        for j, s in enumerate(result.samples):
            feedback.pushInfo(self.tr(
                "{sample}: M_A/M_O = {ratio:.4f} \u00b1 {se:.4f} (mass change "
                "{change:+.1f} %), isocon slope {slope:.4f} ({estimator}).").format(
                sample=s, ratio=result.mass_ratio[j], se=result.mass_ratio_se[j],
                change=100 * (result.mass_ratio[j] - 1), slope=result.slope[j],
                estimator=result.estimator))
        for note in result.notes:
            feedback.pushWarning(note)
        return {"OUTPUT": dest, "REPORT": report_path}


def _split(text):
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def _number(text):
    try:
        return float(text)
    except ValueError:
        raise QgsProcessingException(QCoreApplication.translate(
            "GeoInverse", "q scan: '{text}' is not a number.").format(text=text)) from None
