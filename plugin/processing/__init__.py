"""One QgsProcessingAlgorithm per module, each a thin layer over one algorithms/ call."""
from .bicubic import BicubicAlgorithm
from .comparegrids import CompareGridsAlgorithm
from .epmaphases import EpmaPhasesAlgorithm
from .epmaprofile import EpmaProfileAlgorithm
from .denoisegrid import DenoiseGridAlgorithm
from .epmaquantify import EpmaQuantifyAlgorithm
from .fillgaps import FillGapsAlgorithm
from .isocon import IsoconAlgorithm
from .loadepma import LoadEpmaAlgorithm
from .mineralformula import MineralFormulaAlgorithm
from .ptpath import PtPathAlgorithm

ALGORITHMS = [BicubicAlgorithm, CompareGridsAlgorithm, DenoiseGridAlgorithm,
              FillGapsAlgorithm, LoadEpmaAlgorithm, EpmaPhasesAlgorithm,
              EpmaQuantifyAlgorithm, MineralFormulaAlgorithm, IsoconAlgorithm, EpmaProfileAlgorithm, PtPathAlgorithm]
