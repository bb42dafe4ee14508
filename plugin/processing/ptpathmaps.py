"""geoinverse:ptpathmaps, one P-T path from many garnet grains on quantified maps."""
from qgis.core import (QgsProcessing, QgsProcessingOutputNumber, QgsProcessingParameterEnum,
                       QgsProcessingParameterFile, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ...algorithms.petrology.ptgrains import (DEFAULT_ZONES, OFFSETS, ZONINGS,
                                              run_maps_path)
from ...algorithms.petrology.ptpath import PRIORS
from ...algorithms.petrology.thermobarometry import CALIBRATIONS
from .base import GeoInverseAlgorithm

HELP = """Estimates one pressure-temperature path from all the garnet grains of quantified maps.

- <b>Oxide map folder</b>: the output folder of 'Quantify EPMA maps' (SiO2.tif, FeO.tif, MgO.tif, CaO.tif, MnO.tif, ... in wt%).
- <b>Garnet membership</b>: a raster of garnet probability or 0/1 (e.g. membership_Grt.tif of 'EPMA phase map'); pixels at or above the <b>Threshold</b> are garnet, and each connected patch of at least <b>Minimum grain size</b> pixels is a grain.
- <b>Growth zones by</b>: <i>distance</i> (normalised distance from the grain's core to its rim) or <i>contour</i> of a <b>Zoning element</b> map (e.g. MnO, high in the core).
- <b>Nucleation offsets</b>: <i>size</i> (grains grew at one rate, a smaller grain started later), <i>fit</i> (each grain's start chosen by the model evidence), or <i>none</i> (all grains started together).
- <b>Matrix biotite</b>, <b>Matrix plagioclase</b>: your assumption of the matrix (e.g. XMg=0.45, An=0.3, or oxide wt%, or apfu), the same in every zone.
- <b>Thermobarometers</b>, <b>Growth zones</b>, <b>Prior</b>, <b>Posterior samples</b>, <b>Seed</b>: as in 'Bayesian P-T path'.

Outputs: the path table (per zone MAP, 95% interval, number of pixels), an optional grain table (size, core, offset) and an HTML report with the P-T path, its 95% ellipses and the assumptions. Method and checks: docs/petrology.md.

References: Kuwatani, Nagata, Okada &amp; Toriumi (2012) Contrib. Mineral. Petrol. 163:547; Ferry &amp; Spear (1978) Contrib. Mineral. Petrol. 66:113; Koziol &amp; Newton (1988) Am. Mineral. 73:216."""

NAMES = list(CALIBRATIONS)


class PtPathMapsAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "ptpathmaps"
    group_id = "petrology"
    display = "P-T path from garnet maps (many grains)"
    help = HELP

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
        for name, label, options, default in (
                ("ZONING", "Growth zones by", ZONINGS, "distance"),
                ("OFFSETS", "Nucleation offsets", OFFSETS, "size")):
            self.addParameter(QgsProcessingParameterEnum(
                name, self.tr(label), list(options), False, default, usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterString(
            "ZONING_ELEMENT", self.tr("Zoning element (contour)"), "MnO"))
        self.addParameter(QgsProcessingParameterString(
            "MATRIX_BT", self.tr("Matrix biotite"), "XMg=0.45"))
        self.addParameter(QgsProcessingParameterString(
            "MATRIX_PL", self.tr("Matrix plagioclase"), "An=0.3"))
        self.addParameter(QgsProcessingParameterEnum(
            "EQUILIBRIA", self.tr("Thermobarometers"), NAMES, True, ["grt-bt", "gasp"],
            usesStaticStrings=True))
        self.addParameter(QgsProcessingParameterNumber(
            "ZONES", self.tr("Growth zones"), QgsProcessingParameterNumber.Integer,
            DEFAULT_ZONES, minValue=3, maxValue=200))
        self.addParameter(QgsProcessingParameterEnum(
            "PRIOR", self.tr("Prior (difference order)"), list(PRIORS), False, "1+2",
            usesStaticStrings=True))
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
        for key in ("GRAIN_COUNT", "ZONES_OUT"):
            self.addOutput(QgsProcessingOutputNumber(key, self.tr(key)))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        text = lambda key: self.parameterAsString(parameters, key, context)  # noqa: E731
        enum = lambda key: self.parameterAsEnumString(parameters, key, context)  # noqa: E731
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        grains = self.parameterAsFileOutput(parameters, "GRAINS", context) or None
        report = self.parameterAsFileOutput(parameters, "REPORT", context) or None
        result = self.run_core(
            feedback, run_maps_path, self.parameterAsFile(parameters, "FOLDER", context),
            self.parameterAsFile(parameters, "MEMBERSHIP", context), text("MATRIX_BT"),
            text("MATRIX_PL"), output, report, grains,
            names=self.parameterAsEnumStrings(parameters, "EQUILIBRIA", context),
            threshold=self.parameterAsDouble(parameters, "THRESHOLD", context),
            min_pixels=self.parameterAsInt(parameters, "MIN_PIXELS", context),
            zoning=enum("ZONING"), zoning_element=text("ZONING_ELEMENT").strip(),
            offsets=enum("OFFSETS"),
            n_zones=self.parameterAsInt(parameters, "ZONES", context),
            n_samples=self.parameterAsInt(parameters, "SAMPLES", context),
            seed=self.parameterAsInt(parameters, "SEED", context), prior=enum("PRIOR"))
        for g, info in enumerate(result.groups):
            feedback.pushInfo(f"{info['label']}: {info['pixels']} px, core-to-rim "
                              f"{info['radius']:.1f} px, nucleation offset "
                              f"{result.offsets[g]:.2f}")
        for line in result.assumptions + result.notes:
            feedback.pushInfo(line)
        return {"OUTPUT": output, "GRAINS": grains, "REPORT": report,
                "GRAIN_COUNT": len(result.groups), "ZONES_OUT": len(result.path.labels)}
