"""The science of GeoInverse: numpy, scipy, GDAL and (lazily) onnxruntime/scikit-learn.

Nothing in this package imports QGIS, so every method is usable from a plain Python
script exactly as the Processing algorithms use it (tests/algorithms/test_no_qgis.py
enforces the rule).
"""
