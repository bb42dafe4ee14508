"""geoinverse:learndictionary, learns the coupled terrain dictionary sparsesr uses."""
from qgis.core import (QgsProcessing, QgsProcessingException,
                       QgsProcessingParameterDefinition, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber)

from ...algorithms.bathymetry.sparse_sr import learn_from_rasters
from .base import GeoInverseAlgorithm

HELP = """Learns a terrain dictionary from high-resolution grids of your region, for 'Super-resolve bathymetry (sparse coding)'.

Use: one or more <b>High-resolution grids</b> of the kind of seafloor you will super-resolve, and the <b>Scale factor</b>. The other settings have good defaults.

Out: the dictionary (.npz, with a record of the grids and settings) and a PNG sheet of its patterns, most used first.

Needs the Python package matplotlib for the sheet.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""

SETTINGS = (("ATOMS", "Atoms", 256, 8), ("PATCH", "Patch size (coarse cells)", 3, 2),
            ("SPARSITY", "Sparsity (atoms per patch)", 3, 1),
            ("SAMPLES", "Training patches", 60000, 100), ("ITERATIONS", "Iterations", 15, 1))


class LearnDictionaryAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "learndictionary"
    group_id = "superresolution"
    display = "Learn terrain dictionary"
    help = HELP
    requirements = ("matplotlib",)  # the atoms sheet (PNG)

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "INPUT", self.tr("High-resolution grids"), QgsProcessing.TypeRaster))
        self.addParameter(QgsProcessingParameterNumber(
            "SCALE", self.tr("Scale factor (2, 3 or 4)"),
            QgsProcessingParameterNumber.Integer, 2))
        for key, label, default, minimum in SETTINGS:
            param = QgsProcessingParameterNumber(
                key, self.tr(label), QgsProcessingParameterNumber.Integer, default,
                minValue=minimum)
            if key == "ITERATIONS":
                param.setFlags(param.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
            self.addParameter(param)
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", self.tr("Dictionary"), self.tr("Terrain dictionary (*.npz)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "ATOMS_SHEET", self.tr("Atoms sheet"), self.tr("PNG images (*.png)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers = self.parameterAsLayerList(parameters, "INPUT", context)
        for layer in layers:
            if layer.providerType() != "gdal":
                raise QgsProcessingException(self.tr(
                    "'{layer}' is not a GDAL raster; save it as a GeoTIFF first.").format(
                    layer=layer.name()))
        values = {key: self.parameterAsInt(parameters, key, context)
                  for key, *_ in SETTINGS}
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        sheet = self.parameterAsFileOutput(parameters, "ATOMS_SHEET", context)
        d = self.run_core(feedback, learn_from_rasters, [lay.source() for lay in layers],
                          output, self.parameterAsInt(parameters, "SCALE", context),
                          atoms=values["ATOMS"], patch=values["PATCH"],
                          sparsity=values["SPARSITY"], samples=values["SAMPLES"],
                          iterations=values["ITERATIONS"], sheet=sheet)
        feedback.pushInfo(self.tr(
            "Learned {atoms} atoms of {patch} x {patch} fine cells (x{scale}) from "
            "{patches:,} patches; {components} feature components; {used} atoms in "
            "use.").format(atoms=d.atoms, patch=d.fine_patch, scale=d.scale,
                           patches=d.provenance["training_patches"],
                           components=d.provenance["pca_components"],
                           used=int((d.usage > 0).sum())))
        return {"OUTPUT": output, "ATOMS_SHEET": sheet}
