"""One QgsProcessingAlgorithm per module, each a thin layer over one algorithms/ call."""
from .bicubic import BicubicAlgorithm
from .comparegrids import CompareGridsAlgorithm
from .epmaphases import EpmaPhasesAlgorithm
from .epmaquantify import EpmaQuantifyAlgorithm
from .isocon import IsoconAlgorithm
from .learndictionary import LearnDictionaryAlgorithm
from .loadepma import LoadEpmaAlgorithm
from .mineralformula import MineralFormulaAlgorithm
from .sparsesr import SparseSrAlgorithm

ALGORITHMS = [BicubicAlgorithm, CompareGridsAlgorithm, LoadEpmaAlgorithm,
              EpmaPhasesAlgorithm, EpmaQuantifyAlgorithm, MineralFormulaAlgorithm,
              IsoconAlgorithm, SparseSrAlgorithm, LearnDictionaryAlgorithm]
