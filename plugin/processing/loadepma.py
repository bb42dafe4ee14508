"""geoinverse:loadepma, EPMA map set import (JEOL folders, qntmap condition CSVs)."""
import os

from qgis.core import (QgsProcessing, QgsProcessingOutputNumber,
                       QgsProcessingParameterFile, QgsProcessingParameterFolderDestination,
                       QgsProcessingParameterNumber, QgsProcessingParameterVectorDestination)

from ...algorithms.petrology import epma
from .base import GeoInverseAlgorithm

HELP = """Imports an electron-microprobe (EPMA) X-ray map set and its spot analyses as layers.

- <b>Map folder</b>: a JEOL map folder (<code>N.cnd</code> condition files and <code>N_map.txt</code> or <code>dataNNN.csv</code> count matrices, or a folder holding <code>.map/1/</code>), as qntmap reads it.
- <b>Map conditions CSV</b> (optional, replaces the folder): qntmap's <code>conditions_xmap.csv</code> (Element, File path, Instrument, Dwell [msec], Probe current [A], Start X [mm], Start Y [mm], Step size [um], ..., dead time [ns]) pointing at single-element maps (text matrices or rasters GDAL reads).
- <b>Spot analyses folder</b> (optional): the JEOL <code>.qnt</code> folder (stg, mes, elem, elint, wt, net, pkint, bgp, bgm .qnt and .cnd/elemw.cnd). Default: <code>.qnt</code> inside the map folder. The stage comment is the phase name.
- <b>Spot conditions CSV</b> (optional): qntmap's <code>conditions_qnt.csv</code>, for a .qnt folder without elemw.cnd.
- <b>Dead time [ns]</b>: -1 takes it from the conditions CSV (0 for a JEOL folder). Counts are corrected as N / (1 - tau N / t).

Outputs:
- <b>Output folder</b>: one float32 GeoTIFF per element in counts per second per uA (band description = element), without CRS or geotransform so it overlays the other EPMA layers (QGIS shows x in [0, width], y in [-height, 0]), plus <code>mapset.json</code> (conditions and spots) that 'Classify phases' and 'Quantify EPMA maps' read.
- <b>Spot analyses</b>: points at x = column + 0.5, y = -(row + 0.5) with id, phase, wt%, peak and net intensities and the map intensity under the spot.

Stage X gives the map row and stage Y the column, as in qntmap. A spot outside the map is kept in the table (its alpha and gamma still count) but marked inside = 0; two spots on one pixel keep the first.

Reference: Yasumoto et al. (2018) American Mineralogist 103:1690-1698 (qntmap)."""


class LoadEpmaAlgorithm(GeoInverseAlgorithm):
    algorithm_name = "loadepma"
    group_id = "petrology"
    display = "Import EPMA map set"
    help = HELP

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Map folder (JEOL .map)"),
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
        feedback.pushInfo(f"{len(maps.elements)} element maps ({', '.join(maps.elements)}), "
                          f"{cols} x {rows} pixels, dwell {maps.dwell_ms} ms, "
                          f"{maps.current_a:g} A, dead time {maps.deadtime_ns} ns.")
        n = 0 if spots is None else len(spots)
        if spots is not None:
            off = int((~spots.inside).sum())
            feedback.pushInfo(f"{n} spot analyses of {', '.join(sorted(set(spots.phase)))}; "
                              f"{off} outside the map.")
        if dropped:
            feedback.reportError(f"Spots {dropped} share a pixel with an earlier spot and "
                                 "were dropped.")
        layers = [(os.path.join(folder, f"{el}.tif"), el, "raster") for el in maps.elements]
        if spots_path:
            layers.append((spots_path, self.tr("Spots"), "vector"))
        self.load_on_completion(context, self.tr("EPMA maps \u2014 ") +
                                epma.mapset_title(folder), layers)
        outputs = {"OUTPUT": folder, "SPOT_COUNT": n}
        if spots_path:
            outputs["SPOTS"] = spots_path
        return outputs
