"""One QgsProcessingAlgorithm per module, each a thin layer over one algorithms/ call."""
from .bicubic import BicubicAlgorithm
from .comparegrids import CompareGridsAlgorithm
from .fillgaps import FillGapsAlgorithm

ALGORITHMS = [BicubicAlgorithm, CompareGridsAlgorithm, FillGapsAlgorithm]
