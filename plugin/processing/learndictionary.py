"""geoinverse:learndictionary, learns the coupled terrain dictionary sparsesr uses."""
from qgis.core import (QgsProcessing, QgsProcessingException,
                       QgsProcessingParameterDefinition, QgsProcessingParameterFileDestination,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber)

from ...algorithms.bathymetry.sparse_sr import learn_from_rasters
from .base import GeoInverseAlgorithm

HELP = """Learns a terrain dictionary from high-resolution bathymetry: the characteristic patterns of the region's micro-topography, coupled with the coarse-grid features that predict them, for 'Super-resolve bathymetry (sparse coding)'.

- <b>High-resolution grids</b>: one or more rasters (band 1) of the kind of seafloor to super-resolve. Each is made coarse by block means of scale x scale cells, and the dictionary learns how the fine relief relates to the coarse one. Large rasters are sampled in windows of 512 x 512 cells; nodata is skipped.
- <b>Scale factor</b>: 2, 3 or 4, the factor the dictionary will super-resolve by.
- <b>Atoms</b>: number of patterns (default 256).
- <b>Patch size</b>: in coarse cells (default 3, i.e. 3*scale fine cells).
- <b>Sparsity</b>: at most this many atoms per patch (default 3).
- <b>Training patches</b>: how many patches are drawn (default 60000), evenly from the grids.
- <b>Iterations</b> (advanced): dictionary-learning iterations (default 15).

Outputs: the dictionary (.npz: PCA basis, coarse-feature and fine atoms, usage counts and a provenance block naming the grids and settings), and a PNG sheet of the fine atoms as small hillshaded patches ordered by how many patches use them.

Method: Zeyde, Elad and Protter (2010) coupled dictionaries: derivative features of the bicubic, back-projected estimate, normalised per patch (scale-free) and PCA-reduced; orthogonal matching pursuit and the method of optimal directions for the feature dictionary; least squares for the fine dictionary. References: Zeyde et al. (2010), LNCS 6920:711; Yang et al. (2010), IEEE TIP 19(11):2861; Engan et al. (1999), ICASSP."""

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
                    f"'{layer.name()}' is not a GDAL raster; save it as a GeoTIFF first."))
        values = {key: self.parameterAsInt(parameters, key, context)
                  for key, *_ in SETTINGS}
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        sheet = self.parameterAsFileOutput(parameters, "ATOMS_SHEET", context)
        d = self.run_core(feedback, learn_from_rasters, [lay.source() for lay in layers],
                          output, self.parameterAsInt(parameters, "SCALE", context),
                          atoms=values["ATOMS"], patch=values["PATCH"],
                          sparsity=values["SPARSITY"], samples=values["SAMPLES"],
                          iterations=values["ITERATIONS"], sheet=sheet)
        feedback.pushInfo(f"Learned {d.atoms} atoms of {d.fine_patch} x {d.fine_patch} "
                          f"fine cells (x{d.scale}) from "
                          f"{d.provenance['training_patches']:,} patches; "
                          f"{d.provenance['pca_components']} feature components; "
                          f"{int((d.usage > 0).sum())} atoms in use.")
        return {"OUTPUT": output, "ATOMS_SHEET": sheet}
