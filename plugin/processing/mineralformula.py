"""geoinverse:mineralformula, structural-formula and end-member maps from oxide wt% maps."""
import numpy as np
from qgis.core import (QgsProcessingParameterBoolean, QgsProcessingParameterFile,
                       QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterString)

from ...algorithms.petrology.mineral import MINERALS, formula_folder
from .base import GeoInverseAlgorithm

HELP = """Turns oxide wt% maps into cations per formula unit and end-member fraction maps.

- <b>Oxide folder</b>: the output folder of 'Quantify EPMA maps' (SiO2.tif, Al2O3.tif, FeO.tif, ...; any oxide raster named by its formula).
- <b>Mineral</b>: sets the oxygen basis and the end members: garnet (12 O; Alm, Prp, Grs, Sps, XMg), plagioclase/feldspar (8 O; An, Ab, Or), pyroxene (6 O; Wo, En, Fs, XMg, Jd), olivine (4 O; Fo, Fa), biotite and white mica (11 O; XMg, AlIV, AlVI, XNa), chlorite (14 O), spinel (4 O), amphibole (23 O).
- <b>Fe3+ by charge balance</b>: splits iron into Fe2+ and Fe3+ (Droop 1987) for minerals with a fixed cation total (garnet 8, pyroxene 4, feldspar 5, olivine and spinel 3).
- <b>Oxygen basis</b> (optional, 0 = the mineral's).
- <b>Phase folder</b> and <b>Phase</b> (optional): compute only on pixels classified as that phase ('Classify phases' output); other pixels are nodata.

Outputs: one float32 raster per cation (apfu), the cation sum, and each end member, named MINERAL_NAME.tif, without CRS so they overlay the maps.

References: Deer, Howie & Zussman (1992) An Introduction to the Rock-Forming Minerals; Droop (1987) Mineral. Mag. 51:431; Lanari et al. (2014) Comput. Geosci. 62:227 (XMapTools)."""

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
            "OUTPUT", self.tr("Output folder")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        mineral = self.choice(parameters, "MINERAL", context)
        folder = self.parameterAsString(parameters, "OUTPUT", context)
        oxides, paths, maps = self.run_core(
            feedback, formula_folder, self.parameterAsFile(parameters, "INPUT", context),
            folder, mineral, self.parameterAsBool(parameters, "FERRIC", context),
            self.parameterAsDouble(parameters, "OXYGENS", context) or None,
            self.parameterAsFile(parameters, "PHASES", context) or None,
            self.parameterAsString(parameters, "PHASE", context) or None)
        feedback.pushInfo(f"{mineral} from {', '.join(oxides)}")
        for name, array in maps.items():
            if np.isfinite(array).any():
                feedback.pushInfo(f"{name}: median {float(np.nanmedian(array)):.4f}")
        return {"OUTPUT": folder}
