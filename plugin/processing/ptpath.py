"""geoinverse:ptpath, Bayesian P-T path of a zoned garnet from a table of growth zones."""
from qgis.core import (QgsProcessingException, QgsProcessingOutputNumber,
                       QgsProcessingParameterBoolean, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber,
                       QgsProcessingParameterString)

from ...algorithms.petrology.ptgrains import DEFAULT_ZONES, ORIENTATIONS, run_profile_path
from ...algorithms.petrology.ptpath import PRIORS, run_ptpath
from ...algorithms.petrology.ptt import GROWTH_LAWS
from ...algorithms.petrology.thermobarometry import CALIBRATIONS
from .base import GeoInverseAlgorithm

HELP = """Estimates the pressure-temperature path recorded by a zoned garnet: P and T of every growth zone at once, with credible intervals, also for zones that lack an equilibrium.

Use: a <b>Zone table</b> (CSV, core to rim, one row per zone: garnet oxides and those of the paired inclusion or matrix grain) and the <b>Thermobarometers</b> to apply. A <b>Growth law</b> adds relative time (P-T-t). Or, instead of a zone table, a <b>Garnet profile</b> (epmaprofile's table, or end-member fractions Xalm, Xprp, Xgrs, Xsps against distance) with the <b>Matrix biotite</b> and <b>Matrix plagioclase</b> you assume (e.g. XMg=0.45, An=0.3). grt-bt-hw00 (Holdaway 2000) uses ideal garnet: his garnet parameters were not available.

Out: a <b>Path table</b> (CSV: P and T per zone with 95 % intervals) and an HTML <b>Report</b> with the path in P-T space.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""

NAMES = list(CALIBRATIONS)
LAWS = ["none"] + list(GROWTH_LAWS)


class PtPathAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "ptpath"
    group_id = "petrology"
    display = "Bayesian P-T path"
    help = HELP
    option_requirements = ("matplotlib",)  # the profile route's report (its P-T figure)

    def requirements_for(self, parameters, context):
        wants_report = self.parameterAsFileOutput(parameters, "REPORT", context)
        profile = self.parameterAsFile(parameters, "PROFILE", context)
        return ("matplotlib",) if wants_report and profile else ()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Zone table (CSV, core to rim)"), extension="csv", optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "PROFILE", self.tr("Garnet profile (instead of a zone table)"), optional=True))
        self.add_choice("ORIENTATION", "Profile runs", ORIENTATIONS, ORIENTATIONS[0])
        self.addParameter(QgsProcessingParameterString(
            "MATRIX_BT", self.tr("Matrix biotite (profile)"), "XMg=0.45", optional=True))
        self.addParameter(QgsProcessingParameterString(
            "MATRIX_PL", self.tr("Matrix plagioclase (profile)"), "An=0.3", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "ZONES", self.tr("Growth zones (profile)"), QgsProcessingParameterNumber.Integer,
            DEFAULT_ZONES, minValue=3, maxValue=200))
        self.add_choice("EQUILIBRIA", "Thermobarometers", NAMES, ["grt-bt", "gasp"],
                        multiple=True)
        self.add_choice("PRIOR", "Prior (difference order)", PRIORS, "1+2")
        self.addParameter(QgsProcessingParameterNumber(
            "REL_ERROR", self.tr("Analytical precision, relative (%)"),
            QgsProcessingParameterNumber.Double, 1.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "ABS_ERROR", self.tr("Analytical precision, absolute (wt%)"),
            QgsProcessingParameterNumber.Double, 0.02, minValue=0.0))
        self.addParameter(QgsProcessingParameterBoolean(
            "SYSTEMATIC", self.tr("Include calibration uncertainty"), defaultValue=False))
        self.addParameter(QgsProcessingParameterNumber(
            "SAMPLES", self.tr("Posterior samples"), QgsProcessingParameterNumber.Integer,
            4000, minValue=100))
        self.addParameter(QgsProcessingParameterNumber(
            "SEED", self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 0))
        self.addParameter(QgsProcessingParameterBoolean(
            "USE_DISTANCE", self.tr("Scale the prior by the distances"), defaultValue=True))
        self.add_choice("GROWTH_LAW", "Growth law (P-T-t)", LAWS, "none")
        self.addParameter(QgsProcessingParameterNumber(
            "MN_PARTITION", self.tr("Mn partition coefficient garnet/matrix (Rayleigh)"),
            QgsProcessingParameterNumber.Double, 50.0, minValue=1.0001))
        self.addParameter(QgsProcessingParameterBoolean(
            "ROBUST", self.tr("Robust (Student-t) noise, growth-law mode"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", self.tr("Path table"), self.tr("CSV files (*.csv)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", self.tr("Report"), self.tr("HTML files (*.html)"), optional=True))
        for key, label in (("PEAK_P", "Peak pressure (kbar)"),
                           ("PEAK_T", "Peak temperature (C)"), ("ZONES", "Number of zones")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        names = self.choice(parameters, "EQUILIBRIA", context)
        for name in names:
            if CALIBRATIONS[name].note:
                feedback.pushWarning(self.tr("{name}: {note}.").format(
                    name=name, note=CALIBRATIONS[name].note))
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        report = self.parameterAsFileOutput(parameters, "REPORT", context) or None
        law = self.choice(parameters, "GROWTH_LAW", context)
        profile = self.parameterAsFile(parameters, "PROFILE", context)
        if profile:
            return self.run_profile(parameters, context, feedback, profile, names, output,
                                    report)
        if not self.parameterAsFile(parameters, "INPUT", context):
            raise QgsProcessingException(self.tr(
                "Give a zone table (INPUT) or a garnet profile (PROFILE) with the matrix."))
        result = self.run_core(
            feedback, run_ptpath, self.parameterAsFile(parameters, "INPUT", context),
            output, report, names,
            n_samples=self.parameterAsInt(parameters, "SAMPLES", context),
            seed=self.parameterAsInt(parameters, "SEED", context),
            analytical=(self.parameterAsDouble(parameters, "REL_ERROR", context) / 100,
                        self.parameterAsDouble(parameters, "ABS_ERROR", context)),
            prior=self.choice(parameters, "PRIOR", context),
            use_distance=self.parameterAsBool(parameters, "USE_DISTANCE", context),
            growth_law=law if law != "none" else None,
            partition=self.parameterAsDouble(parameters, "MN_PARTITION", context),
            robust=self.parameterAsBool(parameters, "ROBUST", context),
            systematic=self.parameterAsBool(parameters, "SYSTEMATIC", context))
        s = result.summary()
        n = len(result.labels)
        feedback.pushInfo(self.tr(
            "{n} zones, {lacking} lacking an equilibrium; {samples} posterior samples "
            "(acceptance {acceptance:.2f}).").format(
            n=n, lacking=int((result.counts < len(names)).sum()),
            samples=len(result.samples), acceptance=result.acceptance))
        for i in (0, n - 1):
            feedback.pushInfo(self.tr(
                "{where} ({zone}): P {p:.2f} [{p_lo:.2f}, {p_hi:.2f}] kbar, T {t:.0f} "
                "[{t_lo:.0f}, {t_hi:.0f}] C").format(
                where=self.tr("core") if i == 0 else self.tr("rim"), zone=result.labels[i],
                p=s["P_map"][i], p_lo=s["P_lo"][i], p_hi=s["P_hi"][i], t=s["T_map"][i],
                t_lo=s["T_lo"][i], t_hi=s["T_hi"][i]))
        feedback.pushInfo(self.tr("hyperparameters: {values}").format(values=", ".join(
            f"{k} {v:.3g}" for k, v in result.theta.items())))
        peak = int(result.map_p.argmax())
        return {"OUTPUT": output, "REPORT": report, "ZONES": n,
                "PEAK_P": float(result.map_p[peak]), "PEAK_T": float(result.map_t.max())}

    def run_profile(self, parameters, context, feedback, profile, names, output, report):
        result = self.run_core(
            feedback, run_profile_path, profile,
            self.parameterAsString(parameters, "MATRIX_BT", context),
            self.parameterAsString(parameters, "MATRIX_PL", context), output, report, names,
            orientation=self.choice(parameters, "ORIENTATION", context),
            n_zones=self.parameterAsInt(parameters, "ZONES", context),
            n_samples=self.parameterAsInt(parameters, "SAMPLES", context),
            seed=self.parameterAsInt(parameters, "SEED", context),
            prior=self.choice(parameters, "PRIOR", context))
        for line in result.assumptions + result.notes:
            feedback.pushInfo(line)
        path = result.path
        return {"OUTPUT": output, "REPORT": report, "ZONES": len(path.labels),
                "PEAK_P": float(path.map_p.max()), "PEAK_T": float(path.map_t.max())}
