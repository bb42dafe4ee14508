"""geoinverse:ptpath, Bayesian P-T path of a zoned garnet from a table of growth zones."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterBoolean,
                       QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterNumber)

from ...algorithms.petrology.ptpath import PRIORS, run_ptpath
from ...algorithms.petrology.ptt import GROWTH_LAWS
from ...algorithms.petrology.thermobarometry import CALIBRATIONS
from .base import GeoInverseAlgorithm

HELP = """Estimates the pressure-temperature path recorded by a zoned garnet: P and T of every growth zone at once, with credible intervals, including zones that lack an equilibrium.

- <b>Zone table</b> (CSV, comma/semicolon/tab): one row per growth zone from core to rim. Columns PHASE_OXIDE hold wt% (e.g. grt_SiO2, grt_FeO, grt_MgO, grt_CaO, grt_MnO; bt_FeO, bt_MgO, ...; pl_CaO, pl_Na2O, pl_K2O, ...) or PHASE_CATION apfu (grt_Fe, grt_Mg, ...). PHASE is grt (host garnet), bt (biotite), pl (plagioclase), cpx (clinopyroxene), phe (phengite): inclusions or matrix grains paired with the zone. Empty cells: the zone lacks that phase. Optional columns: zone (label), distance (from the core, any unit).
- <b>Thermobarometers</b>: grt-bt (Ferry &amp; Spear 1978), grt-cpx (Ravna 2000), grt-phe (Green &amp; Hellman 1982) thermometers and the GASP barometer (Koziol &amp; Newton 1988); choose at least one of each kind.
- <b>Prior</b>: Gaussian Markov random field on successive differences (1; Kuwatani et al. 2012), on successive slope changes (2), or both (1+2, default), each with its own scale.
- <b>Analytical precision</b>: 1-sigma relative (%) and absolute (wt%) error of the oxide analyses, propagated to each equilibrium by Monte Carlo.
- <b>Include calibration uncertainty</b>: marginalise each thermobarometer's quoted systematic uncertainty (grt-bt 50 C, GASP 1 kbar, grt-cpx 65 C, grt-phe 50 C) as an offset common to all zones, so the intervals hold it too.
- <b>Posterior samples</b>, <b>Seed</b>; <b>Use distances</b>: scale the prior by the spacing of the zones.
- <b>Growth law</b> (P-T-t): none (Markov random field over the zones), or a law that turns the distance of each zone from the core into relative growth time: interface-controlled (t ~ r), diffusion-controlled (t ~ r^2), constant volume rate (t ~ r^3), Rayleigh fractionation of Mn (time ~ fraction crystallised, from garnet Mn and the <b>Mn partition coefficient</b>). P and T are then a random walk in that time, estimated by a particle smoother (forward filter, backward simulation); <b>Robust</b> uses Student-t noise so an inclusion out of equilibrium does not drag the path. The table gains the time column; P_map/T_map are then the Gaussian model's mode on the time axis and the intervals come from the smoother.

Method: each equilibrium is a line in P-T space; given the hyperparameters (prior scales, zone-to-zone scatter of each thermobarometer) the posterior of all (P, T) is Gaussian and its evidence exact. The MAP path uses the evidence-maximising hyperparameters; posterior samples come from MCMC over the hyperparameters with the path drawn exactly given them (hyperparameters marginalised).

Outputs: a CSV table (per zone: equilibria used, MAP, posterior mean, 95% interval and sd of P [kbar] and T [C], P-T correlation, and the single-zone intersection where a zone has both equilibria) and an HTML report (the path in P-T space with 95% ellipses, P and T along the profile, hyperparameters, calibrations).

References: Kuwatani, Nagata, Okada &amp; Toriumi (2012) Contrib. Mineral. Petrol. 163:547; Kuwatani et al. (2018) J. Mineral. Petrol. Sci. 113:82; Kuwatani et al. (2018) Phys. Rev. E 98:043311; Hollister (1966) Science 154:1647; Godsill, Doucet &amp; West (2004) J. Am. Stat. Assoc. 99:156; Ferry &amp; Spear (1978) Contrib. Mineral. Petrol. 66:113; Koziol &amp; Newton (1988) Am. Mineral. 73:216; Spear (1993) Metamorphic Phase Equilibria and P-T-t Paths; Ravna (2000) J. Metamorph. Geol. 18:211; Green &amp; Hellman (1982) Lithos 15:253."""

NAMES = list(CALIBRATIONS)
LAWS = ["none"] + list(GROWTH_LAWS)


class PtPathAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "ptpath"
    group_id = "petrology"
    display = "Bayesian P-T path"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Zone table (CSV, core to rim)"), extension="csv"))
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
        for key in ("PEAK_P", "PEAK_T", "ZONES"):
            self.addOutput(QgsProcessingOutputNumber(key, key))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        names = self.choice(parameters, "EQUILIBRIA", context)
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        report = self.parameterAsFileOutput(parameters, "REPORT", context) or None
        law = self.choice(parameters, "GROWTH_LAW", context)
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
        feedback.pushInfo(f"{n} zones, {int((result.counts < len(names)).sum())} lacking an "
                          f"equilibrium; {len(result.samples)} posterior samples "
                          f"(acceptance {result.acceptance:.2f}).")
        for i in (0, n - 1):
            feedback.pushInfo(
                f"{'core' if i == 0 else 'rim'} ({result.labels[i]}): P {s['P_map'][i]:.2f} "
                f"[{s['P_lo'][i]:.2f}, {s['P_hi'][i]:.2f}] kbar, T {s['T_map'][i]:.0f} "
                f"[{s['T_lo'][i]:.0f}, {s['T_hi'][i]:.0f}] C")
        feedback.pushInfo("hyperparameters: " + ", ".join(
            f"{k} {v:.3g}" for k, v in result.theta.items()))
        peak = int(result.map_p.argmax())
        return {"OUTPUT": output, "REPORT": report, "ZONES": n,
                "PEAK_P": float(result.map_p[peak]), "PEAK_T": float(result.map_t.max())}
