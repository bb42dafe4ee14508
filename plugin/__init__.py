"""QGIS integration of GeoInverse, and only that: the science lives in algorithms/."""
