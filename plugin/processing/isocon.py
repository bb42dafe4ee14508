"""geoinverse:isocon, mass transfer from a composition table (classical or sparse isocon)."""
from qgis.core import (QgsProcessing, QgsProcessingException,
                       QgsProcessingParameterDefinition,
                       QgsProcessingParameterFeatureSink,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterField,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ...algorithms import report
from ...algorithms.petrology.isocon import (DEFAULT_Q, DEFAULT_Q_SCAN, DEFAULT_TOLERANCE,
                                            MODES, RECORD_FIELDS, isocon_table,
                                            report_html)
from .base import GeoInverseAlgorithm

HELP = """Estimates which elements were gained or lost when a rock was altered, and the mass change, from whole-rock compositions: isocon analysis.

Compositions are relative (they sum to 100 %), so a change of mass hides in every concentration. On the isocon diagram (altered against original concentrations) the elements that did not move lie on a line through the origin, the isocon, whose slope is M_O/M_A; every other element's gain or loss is read from its distance to that line: dC/C_O = (M_A/M_O)(C_A/C_O) - 1.

- <b>Composition table</b>: a CSV (delimited text, no geometry) or any vector layer's attributes; one row per sample, one column per element or oxide.
- <b>Sample name field</b>: the column naming the samples.
- <b>Reference (protolith) sample</b>: the name of the least-altered sample.
- <b>Samples to analyse</b> (optional): comma-separated names; default every other row.
- <b>Element columns</b> (optional): default every numeric column; in a table without typed columns (a CSV read without type detection) every column whose cells are mostly numbers. Text in a chosen column is an error naming the cell; empty cells are missing values; negative values are an error (code 'below detection' as empty or half the detection limit). An element that is zero or missing in the reference has no ratio and is left out (the report lists it).
- <b>Units</b> (optional): 'NAME=UNIT, ...' with wt%, ppm or ppb. Default by name: oxides and LOI wt%, '_ppm'/'_ppb' suffixes, other elements ppm. Units do not change the mass ratio; absolute changes are in the column's unit per mass of reference rock (wt% = g per 100 g).
- <b>Mode</b>: <i>classical</i>: the isocon through the <b>Immobile elements</b> you choose (Grant 1986, 2005), its slope the geometric mean of their ratios C_A/C_O; <i>sparse</i>: the immobile elements are found from all analysed samples together (sparse isocon after Kuwatani et al. 2020): a group-sparse evaluation function sum_i (mean_j r_ij^2 + eps^2)^(q/2) of the log changes r_ij = ln(M_A/M_O C_A/C_O) is minimised (multi-start majorise-minimise), elements whose RMS log change is within the <b>Tolerance</b> are immobile, and the isocon is refitted through them.
- <b>q</b>: how strongly mass transfer is assumed to be sparse across elements: 2 is least squares over all elements, smaller trusts the largest consistent group of elements more (0 < q <= 1 is the sparse regime; default 0.5).
- <b>q scan</b>: comma-separated q values; the report shows the mass ratios and immobile elements for each.
- <b>Tolerance</b> (advanced): RMS log change up to which an element counts as immobile (0.2, about 20 %).

Outputs:
- <b>Isocon table</b> (no geometry), one row per sample and element: reference and altered values, unit, immobile (1/0), mass_ratio M_A/M_O and mass_ratio_se (standard error from the scatter of the immobile elements about the isocon), rel_change dC/C_O, abs_change dC, log_change, rank_sample (1 = most changed in that sample), mobility (RMS log change over samples) and rank_mobility.
- <b>Report</b>: HTML with the mass ratios, the q scan, the element mobility ranking, and per sample the isocon diagram (scaled concentrations, the isocon, immobile elements highlighted) and the gains/losses bar chart.

References: J. A. Grant (1986) Econ. Geol. 81:1976-1982; J. A. Grant (2005) Phys. Chem. Earth 30:997-1004; T. Kuwatani, K. Yoshida, K. Ueki, R. Oyanagi, M. Uno, S. Akaho (2020) Sparse isocon analysis: a data-driven approach for material transfer estimation, Chem. Geol. 532:119345."""


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
            mode=mode, immobile=self.parameterAsFields(parameters, "IMMOBILE", context),
            q=self.parameterAsDouble(parameters, "Q", context),
            tolerance=self.parameterAsDouble(parameters, "TOLERANCE", context),
            q_scan=q_scan if mode == "sparse" else None)
        html = self.run_core(None, report_html, result)
        dest = self.write_records(parameters, "OUTPUT", context, RECORD_FIELDS,
                                  result.records())
        report_path = self.parameterAsFileOutput(parameters, "REPORT", context)
        report.write(report_path, html)
        feedback.pushInfo(f"Reference {result.reference}; {mode} isocon; immobile: "
                          f"{', '.join(result.immobile_names) or 'none'}.")
        for j, s in enumerate(result.samples):
            feedback.pushInfo(f"{s}: M_A/M_O = {result.mass_ratio[j]:.4f} "
                              f"\u00b1 {result.mass_ratio_se[j]:.4f} "
                              f"(mass change {100 * (result.mass_ratio[j] - 1):+.1f} %).")
        for note in result.notes:
            feedback.pushWarning(note)
        return {"OUTPUT": dest, "REPORT": report_path}


def _split(text):
    return [s.strip() for s in (text or "").split(",") if s.strip()]


def _number(text):
    try:
        return float(text)
    except ValueError:
        raise QgsProcessingException(f"q scan: '{text}' is not a number.") from None
