"""The plugin as QGIS loads it: metadata, provider, algorithm identity, unload."""
import re

import pytest
from qgis.core import QgsApplication

from geoinverse.plugin.processing import ALGORITHMS

REQUIRED_METADATA = ["name", "qgisMinimumVersion", "description", "about", "version",
                     "author", "email", "repository", "tracker", "homepage", "tags",
                     "category", "icon", "hasProcessingProvider", "experimental",
                     "changelog"]


def test_metadata_is_complete(metadata):
    for key in REQUIRED_METADATA:
        assert metadata.get(key, "").strip(), f"metadata.txt lacks {key}"
    assert metadata["qgisMinimumVersion"] == "3.22"
    assert metadata["category"] == "Raster"
    assert metadata["hasProcessingProvider"] == "yes"


def test_provider_is_registered(plugin):
    provider = QgsApplication.processingRegistry().providerById("geoinverse")
    assert provider is not None
    assert provider.name() == "GeoInverse"
    assert not provider.icon().isNull()
    ids = {a.id() for a in provider.algorithms()}
    assert {"geoinverse:bicubic", "geoinverse:comparegrids"} <= ids


@pytest.mark.parametrize("algorithm_class", ALGORITHMS)
def test_algorithm_identity(plugin, algorithm_class):
    alg = QgsApplication.processingRegistry().algorithmById(
        "geoinverse:" + algorithm_class().name())
    assert alg is not None
    assert re.fullmatch(r"[a-z0-9]+", alg.name())
    assert alg.groupId() and alg.group() and alg.displayName()
    assert len(alg.shortHelpString()) > 200, "help must say what, each parameter, reference"
    fresh = alg.createInstance()
    assert fresh is not alg and type(fresh) is type(alg)


def test_unload_removes_provider(qgis_app, qgis_processing, plugin):
    import geoinverse
    second = geoinverse.classFactory(None)
    registry = QgsApplication.processingRegistry()
    registry.removeProvider(plugin.provider)
    plugin.provider = None
    second.initProcessing()
    assert registry.providerById("geoinverse") is not None
    second.unload()
    assert registry.providerById("geoinverse") is None
    plugin.initProcessing()
    assert registry.providerById("geoinverse") is not None
