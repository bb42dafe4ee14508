"""geoinverse:loadepma, EPMA map set import (JEOL folders, qntmap condition CSVs, XMapTools projects)."""
import os

from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFile, QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterVectorDestination)

from ...algorithms.petrology import epma
from .base import GeoInverseAlgorithm

HELP = """Imports an electron-microprobe (EPMA) X-ray map set and its spot analyses.

Use: a JEOL <b>Map folder</b> (or a qntmap <b>Map conditions CSV</b>) and, for quantification later, the <b>Spot analyses folder</b> (.qnt). An XMapTools project folder (element count matrices such as <code>Mg.txt</code>, <code>Standards.txt</code> with the spot analyses in wt%, optional <code>Classification.txt</code>) is recognised by its files and needs nothing else.

Out: an <b>Output folder</b> with one map per element (cps/uA, no CRS, so the maps overlay each other) and the <b>Spot analyses</b> as a point layer. After a run in QGIS they are in the project, in a group named after the sample. The output folder is temporary unless you choose one.

The <b>Help</b> button opens the full description: every parameter, the method, measured accuracy and references."""


class LoadEpmaAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "loadepma"
    group_id = "petrology"
    display = "Import EPMA map set"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Map folder (JEOL .map, or an XMapTools project)"),
            behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "CONDITIONS", self.tr("Map conditions CSV (instead of the folder)"),
            extension="csv", optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "QNT", self.tr("Spot analyses folder (JEOL .qnt)"),
            behavior=QgsProcessingParameterFile.Folder, optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "QNT_CONDITIONS", self.tr("Spot conditions CSV"), extension="csv", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "DEADTIME", self.tr("Dead time [ns] (-1: from the conditions)"),
            QgsProcessingParameterNumber.Double, -1.0, minValue=-1.0))
        self.addParameter(QgsProcessingParameterFolderDestination(
            "OUTPUT", self.tr("Output folder (element maps, cps/uA; temporary, deleted when "
                                 "QGIS closes, unless you choose one)")))
        self.addParameter(QgsProcessingParameterVectorDestination(
            "SPOTS", self.tr("Spot analyses"), QgsProcessing.TypeVectorPoint, optional=True))
        self.addOutput(QgsProcessingOutputNumber("SPOT_COUNT", self.tr("Spots")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        source = (self.parameterAsFile(parameters, "CONDITIONS", context)
                  or self.parameterAsFile(parameters, "INPUT", context))
        qnt = self.parameterAsFile(parameters, "QNT", context) or None
        qnt_cond = self.parameterAsFile(parameters, "QNT_CONDITIONS", context) or None
        deadtime = self.parameterAsDouble(parameters, "DEADTIME", context)
        folder = self.parameterAsString(parameters, "OUTPUT", context)
        spots_path = (self.parameterAsOutputLayer(parameters, "SPOTS", context)
                      if parameters.get("SPOTS") else None)
        maps, spots, dropped = self.run_core(
            feedback, epma.import_mapset, source, folder, qnt, qnt_cond,
            None if deadtime < 0 else deadtime, spots_path)
        rows, cols = maps.shape
        feedback.pushInfo(self.tr(
            "{count} element maps ({elements}), {cols} x {rows} pixels, dwell {dwell} ms, "
            "{current:g} A, dead time {deadtime} ns.").format(
            count=len(maps.elements), elements=", ".join(maps.elements), cols=cols,
            rows=rows, dwell=maps.dwell_ms, current=maps.current_a,
            deadtime=maps.deadtime_ns))
        n = 0 if spots is None else len(spots)
        if spots is not None:
            off = int((~spots.inside).sum())
            feedback.pushInfo(self.tr("{n} spot analyses of {phases}; {off} outside the "
                                      "map.").format(n=n, off=off, phases=", ".join(
                                          sorted(set(spots.phase)))))
        if dropped:
            feedback.reportError(self.tr("Spots {spots} share a pixel with an earlier spot "
                                         "and were dropped.").format(spots=dropped))
        layers = [(os.path.join(folder, f"{el}.tif"), el, "raster") for el in maps.elements]
        if spots_path and context.willLoadLayerOnCompletion(spots_path):
            # (the dialog registered it unless 'Open output file' was unticked)
            layers.append((spots_path, self.tr("Spots"), "vector"))
        self.load_on_completion(context, self.tr("EPMA maps \u2014 {maps}").format(
            maps=epma.mapset_title(folder)), layers)
        outputs = {"OUTPUT": folder, "SPOT_COUNT": n}
        if spots_path:
            outputs["SPOTS"] = spots_path
        return outputs
