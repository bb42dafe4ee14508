"""One QgsProcessingAlgorithm per module, each a thin layer over one algorithms/ call."""
from .bicubic import BicubicAlgorithm
from .comparegrids import CompareGridsAlgorithm
from .isocon import IsoconAlgorithm

ALGORITHMS = [BicubicAlgorithm, CompareGridsAlgorithm, IsoconAlgorithm]
