"""geoinverse:ptpathmaps, one P-T path from many garnet grains on quantified maps."""
from qgis.core import (QgsProcessingOutputNumber, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ...algorithms.petrology.ptgrains import (DEFAULT_ZONES, OFFSETS, ZONINGS,
                                              run_maps_path)
from ...algorithms.petrology.ptpath import PRIORS
from ...algorithms.petrology.thermobarometry import CALIBRATIONS
from .base import GeoInverseAlgorithm

HELP = """Estimates one pressure-temperature path from all the garnet grains of quantified maps.

Use: the <b>Oxide map folder</b> of 'Quantify EPMA maps' (FeO, MgO, CaO, MnO ... in wt%), a <b>Garnet membership</b> raster (probability or 0/1) and the <b>Matrix biotite</b> and <b>Matrix plagioclase</b> you assume (e.g. XMg=0.45, An=0.3). Grains are the connected patches above the <b>Threshold</b>; growth zones come from the distance core to rim or a <b>Zoning element</b> contour; <b>Nucleation offsets</b> place late grains later on the path.

Out: a <b>Path table</b> (CSV: P and T per zone with 95 % intervals), an optional <b>Grain table</b> and an HTML <b>Report</b> with the path, its 95 % ellipses and the assumptions.

The <b>Help</b> button opens the full description: every parameter, the method, the checks and references."""

NAMES = list(CALIBRATIONS)


class PtPathMapsAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "ptpathmaps"
    group_id = "petrology"
    display = "P-T path from garnet maps (many grains)"
    help = HELP
    option_requirements = ("matplotlib",)  # the report's P-T figure

    def requirements_for(self, parameters, context):
        wants_report = self.parameterAsFileOutput(parameters, "REPORT", context)
        return ("matplotlib",) if wants_report else ()

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "FOLDER", self.tr("Oxide map folder"), behavior=QgsProcessingParameterFile.Folder))
        self.addParameter(QgsProcessingParameterFile(
            "MEMBERSHIP", self.tr("Garnet membership raster")))
        self.addParameter(QgsProcessingParameterNumber(
            "THRESHOLD", self.tr("Threshold"), QgsProcessingParameterNumber.Double, 0.5,
            minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_PIXELS", self.tr("Minimum grain size (pixels)"),
            QgsProcessingParameterNumber.Integer, 20, minValue=4))
        self.add_choice("ZONING", "Growth zones by", ZONINGS, "distance")
        self.add_choice("OFFSETS", "Nucleation offsets", OFFSETS, "size")
        self.addParameter(QgsProcessingParameterString(
            "ZONING_ELEMENT", self.tr("Zoning element (contour)"), "MnO"))
        self.addParameter(QgsProcessingParameterString(
            "MATRIX_BT", self.tr("Matrix biotite"), "XMg=0.45"))
        self.addParameter(QgsProcessingParameterString(
            "MATRIX_PL", self.tr("Matrix plagioclase"), "An=0.3"))
        self.add_choice("EQUILIBRIA", "Thermobarometers", NAMES, ["grt-bt", "gasp"],
                        multiple=True)
        self.addParameter(QgsProcessingParameterNumber(
            "ZONES", self.tr("Growth zones"), QgsProcessingParameterNumber.Integer,
            DEFAULT_ZONES, minValue=3, maxValue=200))
        self.add_choice("PRIOR", "Prior (difference order)", PRIORS, "1+2")
        self.addParameter(QgsProcessingParameterNumber(
            "SAMPLES", self.tr("Posterior samples"), QgsProcessingParameterNumber.Integer,
            2000, minValue=100))
        self.addParameter(QgsProcessingParameterNumber(
            "SEED", self.tr("Random seed"), QgsProcessingParameterNumber.Integer, 0))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", self.tr("Path table"), self.tr("CSV files (*.csv)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "GRAINS", self.tr("Grain table"), self.tr("CSV files (*.csv)"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", self.tr("Report"), self.tr("HTML files (*.html)"), optional=True))
        for key, label in (("GRAIN_COUNT", "Number of grains"),
                           ("ZONES_OUT", "Number of zones")):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(label)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        text = lambda key: self.parameterAsString(parameters, key, context)  # noqa: E731
        enum = lambda key: self.choice(parameters, key, context)  # noqa: E731
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        grains = self.parameterAsFileOutput(parameters, "GRAINS", context) or None
        report = self.parameterAsFileOutput(parameters, "REPORT", context) or None
        result = self.run_core(
            feedback, run_maps_path, self.parameterAsFile(parameters, "FOLDER", context),
            self.parameterAsFile(parameters, "MEMBERSHIP", context), text("MATRIX_BT"),
            text("MATRIX_PL"), output, report, grains,
            names=enum("EQUILIBRIA"),
            threshold=self.parameterAsDouble(parameters, "THRESHOLD", context),
            min_pixels=self.parameterAsInt(parameters, "MIN_PIXELS", context),
            zoning=enum("ZONING"), zoning_element=text("ZONING_ELEMENT").strip(),
            offsets=enum("OFFSETS"),
            n_zones=self.parameterAsInt(parameters, "ZONES", context),
            n_samples=self.parameterAsInt(parameters, "SAMPLES", context),
            seed=self.parameterAsInt(parameters, "SEED", context), prior=enum("PRIOR"))
        for g, info in enumerate(result.groups):
            feedback.pushInfo(self.tr(
                "{label}: {pixels} px, core-to-rim {radius:.1f} px, nucleation offset "
                "{offset:.2f}").format(label=info["label"], pixels=info["pixels"],
                                       radius=info["radius"], offset=result.offsets[g]))
        for line in result.assumptions + result.notes:
            feedback.pushInfo(line)
        return {"OUTPUT": output, "GRAINS": grains, "REPORT": report,
                "GRAIN_COUNT": len(result.groups), "ZONES_OUT": len(result.path.labels)}
