# GeoInverse: `make demo` and `make test` do all the set-up on a fresh Debian bookworm.
PY := .venv/bin/python
STAMP := .venv/.setup-done
QGIS_PROFILE_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins

.PHONY: setup test demo bench package install lint clean models

setup: $(STAMP)

$(STAMP): scripts/setup.sh requirements.txt requirements-dev.txt
	scripts/setup.sh
	touch $(STAMP)

# pytest's exit 5 (no tests collected) is a failure here, not a pass.
test: setup
	$(PY) -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests ran" >&2; exit 1; fi; exit $$status

demo: setup
	$(PY) scripts/demo.py

bench: setup
	$(PY) bench/run.py $(BENCH)

# The shipped terrain dictionaries (models_sparse/), learned on training/regions.py's
# training regions; ETOPO5 comes from Debian's ferret-datasets (dev only, not CI).
ETOPO5 := /usr/share/ferret-vis/data/etopo5.cdf
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

models: setup $(ETOPO5)
	$(PY) training/learn_dictionary.py --scales 2 3 4 --out models_sparse

$(ETOPO5):
	$(SUDO) apt-get install -y ferret-datasets

package:
	/usr/bin/python3 scripts/package.py dist/geoinverse.zip

install:
	mkdir -p "$(QGIS_PROFILE_PLUGINS)"
	ln -sfn "$(CURDIR)" "$(QGIS_PROFILE_PLUGINS)/geoinverse"
	@echo "Linked $(CURDIR) as $(QGIS_PROFILE_PLUGINS)/geoinverse; enable GeoInverse in Plugins > Manage."

lint: setup
	$(PY) -m pyflakes __init__.py plugin algorithms tests bench scripts

clean:
	rm -rf dist demo-output bench-output .pytest_cache
