"""GeoInverse: data-driven inverse methods for bathymetry and petrology in QGIS."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin.plugin import GeoInversePlugin
    return GeoInversePlugin(iface)
