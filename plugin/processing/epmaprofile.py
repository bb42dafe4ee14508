"""geoinverse:epmaprofile, composition profile along a line drawn over the maps."""
from qgis.core import (QgsProcessingException, QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFeatureSource, QgsProcessingParameterFile,
                       QgsProcessingParameterFileDestination, QgsProcessingParameterGeometry,
                       QgsProcessingParameterMultipleLayers, QgsProcessingParameterNumber,
                       QgsProcessingParameterString, QgsWkbTypes)

from ...algorithms.profile import folder_rasters, run_profile
from .base import GeoInverseAlgorithm

HELP = """Samples maps along a line: a core-to-rim traverse of a zoned crystal, or any profile.

Use: the <b>Maps</b> (layers) and/or a <b>Map folder</b>, and the line: a <b>Line layer</b> you draw over the maps or a <b>Line (WKT)</b>. <b>Step</b> and <b>Width</b> set the spacing and the averaging across the line.

Out: a <b>Profile table</b> (CSV: distance, position and one column per map) and, optionally, <b>Profile plots</b> (HTML). A <b>Column prefix</b> such as grt_ makes the table ready for 'Bayesian P-T path'.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


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
        feedback.pushInfo(self.tr("{n} samples over {distance:.4g} map units, {count} maps: "
                                  "{maps}").format(n=n, distance=table["distance"][-1],
                                                   count=len(names), maps=", ".join(names)))
        return {"OUTPUT": output, "REPORT": report, "POINTS": n}
