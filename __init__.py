"""GeoInverse: data-driven inverse methods for bathymetry and petrology in QGIS."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    # The packages Install missing packages put in the profile go on sys.path first,
    # before anything can import onnxruntime or scikit-learn.
    from .plugin.dependencies import activate
    activate()
    from .plugin.plugin import GeoInversePlugin
    return GeoInversePlugin(iface)
