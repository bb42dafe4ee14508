"""geoinverse:mineralformula, structural-formula and end-member maps from oxide wt% maps."""
import numpy as np
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ...algorithms.petrology.epma import mapset_title
from ...algorithms.petrology.mineral import MINERALS, formula_folder
from .base import GeoInverseAlgorithm

HELP = """Turns oxide wt% maps into mineral structural-formula maps: cations per formula unit and end-member fractions.

Use: the <b>Oxide folder</b> (the output of 'Quantify EPMA maps'), the <b>Mineral</b>, and optionally Fe3+ by charge balance and a <b>Phase folder</b> and <b>Phase</b> to compute only that phase's pixels.

Out: an <b>Output folder</b> with one map per cation, the cation sum and each end member, without CRS so they overlay the maps. After a run in QGIS they are in the project, in one group. The folder is temporary unless you choose one.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""

NAMES = list(MINERALS)


class MineralFormulaAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "mineralformula"
    group_id = "petrology"
    display = "Mineral formula maps"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Oxide folder (wt% rasters)"),
            behavior=QgsProcessingParameterFile.Folder))
        self.add_choice("MINERAL", "Mineral", NAMES, NAMES[0])
        self.addParameter(QgsProcessingParameterBoolean(
            "FERRIC", self.tr("Fe3+ by charge balance"), defaultValue=False))
        self.addParameter(QgsProcessingParameterNumber(
            "OXYGENS", self.tr("Oxygen basis (0: the mineral's)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=0.0))
        self.addParameter(QgsProcessingParameterFile(
            "PHASES", self.tr("Phase folder"), behavior=QgsProcessingParameterFile.Folder,
            optional=True))
        self.addParameter(QgsProcessingParameterString(
            "PHASE", self.tr("Phase"), optional=True))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT", self.tr("Output folder (temporary, deleted when QGIS closes, unless "
                                 "you choose one)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        mineral = self.choice(parameters, "MINERAL", context)
        folder = self.parameterAsString(parameters, "OUTPUT", context)
        source = self.parameterAsFile(parameters, "INPUT", context)
        oxides, paths, maps = self.run_core(
            feedback, formula_folder, source, folder, mineral, self.parameterAsBool(parameters, "FERRIC", context),
            self.parameterAsDouble(parameters, "OXYGENS", context) or None,
            self.parameterAsFile(parameters, "PHASES", context) or None,
            self.parameterAsString(parameters, "PHASE", context) or None)
        feedback.pushInfo(self.tr("{mineral} from {oxides}").format(
            mineral=mineral, oxides=", ".join(oxides)))
        for name, array in maps.items():
            if np.isfinite(array).any():
                feedback.pushInfo(self.tr("{name}: median {median:.4f}").format(
                    name=name, median=float(np.nanmedian(array))))
        self.load_on_completion(
            context, self.tr("{mineral} formula \u2014 {maps}").format(
                mineral=mineral.capitalize(), maps=mapset_title(source)),
            [(path, name, "raster") for name, path in paths.items()])
        return {"OUTPUT": folder}
