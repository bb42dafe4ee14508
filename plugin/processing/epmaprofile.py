"""geoinverse:epmaprofile, composition profile along a line drawn over the maps."""
from qgis.core import (QgsProcessingException, QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterGeometry,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsWkbTypes)

from ...algorithms.profile import folder_rasters, run_profile
from .base import GeoInverseAlgorithm

HELP = """Samples every map along a line: a core-to-rim traverse of a zoned crystal, or any profile.

- <b>Maps</b> (optional): raster layers (quantified oxide maps, mineral formula / end-member maps, raw X-ray maps).
- <b>Map folder</b> (optional): every GeoTIFF of a folder, e.g. the output folder of 'Quantify EPMA maps' or 'Mineral formula maps'. Give maps, a folder or both; they must have one size.
- <b>Line layer</b>: a line layer holding the profile (draw it over the maps in a temporary scratch layer); its first feature is used (tick 'Selected features only' to pick one), in the direction it was drawn. Or <b>Line (WKT)</b>, e.g. LINESTRING(10.5 -20.5, 80.5 -45.5).
- <b>Step</b>: distance between samples in map units (pixels for EPMA maps).
- <b>Width</b>: the pixels on a segment this long, perpendicular to the line, are averaged at each sample (0 or 1: the pixel under the line). Nodata pixels are skipped.
- <b>Column prefix</b> (optional): put before every map's column name, e.g. grt_ so that the oxide columns of a garnet traverse become the host columns of a 'Bayesian P-T path' zone table (add the inclusion columns bt_*, pl_* to the zones that have them).

Non-georeferenced EPMA maps lie where QGIS shows them: x from 0 to the width, y from -height to 0 (pixel row r, column c centred at x = c + 0.5, y = -(r + 0.5)); georeferenced rasters follow their geotransform. Values are the pixels' own (nearest pixel, no interpolation across grain boundaries).

Outputs: a CSV table (distance, x, y, one column per map, n pixels averaged) and an HTML report with one profile plot per map. The table, with garnet and paired-phase columns, is the kind of input 'Bayesian P-T path' reads.

References: Lanari et al. (2014) Comput. Geosci. 62:227 (XMapTools profiles); Kuwatani et al. (2012) Contrib. Mineral. Petrol. 163:547 (profiles of zoned garnet)."""


class EpmaProfileAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "epmaprofile"
    group_id = "petrology"
    display = "Composition profile along a line"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterMultipleLayers(
            "MAPS", self.tr("Maps"), QgsProcessing.TypeRaster, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "FOLDER", self.tr("Map folder"), behavior=QgsProcessingParameterFile.Folder,
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "LINE_LAYER", self.tr("Line layer"), [QgsProcessing.TypeVectorLine], optional=True))
        self.addParameter(QgsProcessingParameterGeometry(
            "LINE", self.tr("Line (WKT)"), geometryTypes=[QgsWkbTypes.LineGeometry],
            optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "STEP", self.tr("Step (map units)"), QgsProcessingParameterNumber.Double, 1.0,
            minValue=1e-9))
        self.addParameter(QgsProcessingParameterNumber(
            "WIDTH", self.tr("Width (map units)"), QgsProcessingParameterNumber.Double, 1.0,
            minValue=0.0))
        self.addParameter(QgsProcessingParameterString(
            "PREFIX", self.tr("Column prefix"), optional=True))
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT", self.tr("Profile table"), self.tr("CSV files (*.csv)")))
        self.addParameter(QgsProcessingParameterFileDestination(
            "REPORT", self.tr("Profile plots"), self.tr("HTML files (*.html)"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("POINTS", self.tr("Samples")))

    def line_vertices(self, parameters, context):
        source = self.parameterAsSource(parameters, "LINE_LAYER", context)
        geometry = None
        if source is not None:
            feature = next(iter(source.getFeatures()), None)
            geometry = feature.geometry() if feature is not None else None
        if geometry is None or geometry.isEmpty():
            geometry = self.parameterAsGeometry(parameters, "LINE", context)
        if geometry is None or geometry.isEmpty():
            raise QgsProcessingException(self.tr(
                "Give the profile line: a line layer (draw it over the maps) or a WKT line."))
        return [(v.x(), v.y()) for v in geometry.vertices()]

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        layers = self.parameterAsLayerList(parameters, "MAPS", context)
        paths = [layer.source() for layer in layers]
        folder = self.parameterAsFile(parameters, "FOLDER", context)
        if folder:
            paths += [p for p in self.run_core(None, folder_rasters, folder) if p not in paths]
        output = self.parameterAsFileOutput(parameters, "OUTPUT", context)
        report = self.parameterAsFileOutput(parameters, "REPORT", context) or None
        table, names = self.run_core(
            feedback, run_profile, paths, self.line_vertices(parameters, context), output,
            report, step=self.parameterAsDouble(parameters, "STEP", context),
            width=self.parameterAsDouble(parameters, "WIDTH", context),
            prefix=self.parameterAsString(parameters, "PREFIX", context).strip())
        n = len(table["distance"])
        feedback.pushInfo(f"{n} samples over {table['distance'][-1]:.4g} map units, "
                          f"{len(names)} maps: {', '.join(names)}")
        return {"OUTPUT": output, "REPORT": report, "POINTS": n}
