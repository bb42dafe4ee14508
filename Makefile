# GeoInverse: `make demo` and `make test` do all the set-up on a fresh Debian bookworm.
PY := .venv/bin/python
STAMP := .venv/.setup-done
QGIS_PROFILE_PLUGINS ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default/python/plugins

.PHONY: setup test demo bench package install lint clean models translations

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

# The shipped terrain dictionaries (models_sparse/) and deep networks (models_onnx/),
# learned on training/regions.py's training regions; ETOPO5 comes from Debian's
# ferret-datasets (dev only, not CI). The networks take about 2.5 hours on 2 cores
# (the distilled fsrcnn_kd_x2 alone about 45 minutes).
ETOPO5 := /usr/share/ferret-vis/data/etopo5.cdf
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

TRAIN_STAMP := .venv-train/.setup-done

$(TRAIN_STAMP): scripts/setup-training.sh requirements-train.txt $(STAMP)
	scripts/setup-training.sh
	touch $(TRAIN_STAMP)

models: setup $(ETOPO5) $(TRAIN_STAMP)
	$(PY) training/learn_dictionary.py --scales 2 3 4 --out models_sparse
	.venv-train/bin/python training/train_networks.py --threads 2 --out models_onnx

$(ETOPO5):
	$(SUDO) apt-get install -y ferret-datasets

# i18n/geoinverse_ja.ts from every user-visible string of plugin/ (translations kept,
# new ones marked unfinished), compiled to i18n/geoinverse_ja.qm with lrelease.
# `python3 scripts/i18n.py --check` lists what is left to translate.
translations:
	/usr/bin/python3 scripts/i18n.py

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
