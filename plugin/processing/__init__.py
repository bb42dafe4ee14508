"""One QgsProcessingAlgorithm per module, each a thin layer over one algorithms/ call."""
from .bicubic import BicubicAlgorithm
from .cleansoundings import CleanSoundingsAlgorithm
from .comparegrids import CompareGridsAlgorithm
from .denoisegrid import DenoiseGridAlgorithm
from .epmaphases import EpmaPhasesAlgorithm
from .epmaprofile import EpmaProfileAlgorithm
from .epmaquantify import EpmaQuantifyAlgorithm
from .fillgaps import FillGapsAlgorithm
from .gridsoundings import GridSoundingsAlgorithm
from .installdependencies import InstallDependenciesAlgorithm
from .isocon import IsoconAlgorithm
from .learndictionary import LearnDictionaryAlgorithm
from .loadepma import LoadEpmaAlgorithm
from .mineralformula import MineralFormulaAlgorithm
from .ptpath import PtPathAlgorithm
from .ptpathmaps import PtPathMapsAlgorithm
from .readsurvey import ReadSurveyAlgorithm
from .sparsesr import SparseSrAlgorithm
from .superresolve import SuperResolveAlgorithm
from .trainsoundingcleaner import TrainSoundingCleanerAlgorithm

ALGORITHMS = [BicubicAlgorithm, SuperResolveAlgorithm, SparseSrAlgorithm, LearnDictionaryAlgorithm,
              CompareGridsAlgorithm, FillGapsAlgorithm, DenoiseGridAlgorithm,
              CleanSoundingsAlgorithm, TrainSoundingCleanerAlgorithm, GridSoundingsAlgorithm,
              LoadEpmaAlgorithm, EpmaPhasesAlgorithm, EpmaQuantifyAlgorithm,
              MineralFormulaAlgorithm, IsoconAlgorithm, EpmaProfileAlgorithm, PtPathAlgorithm,
              InstallDependenciesAlgorithm, PtPathMapsAlgorithm]
ALGORITHMS.append(ReadSurveyAlgorithm)
