"""One QgsProcessingAlgorithm per module, each a thin layer over one algorithms/ call."""
from .bicubic import BicubicAlgorithm
from .cleansoundings import CleanSoundingsAlgorithm
from .comparegrids import CompareGridsAlgorithm
from .gridsoundings import GridSoundingsAlgorithm
from .trainsoundingcleaner import TrainSoundingCleanerAlgorithm

ALGORITHMS = [BicubicAlgorithm, CompareGridsAlgorithm, CleanSoundingsAlgorithm,
              TrainSoundingCleanerAlgorithm, GridSoundingsAlgorithm]
