"""Petrology methods: EPMA quantification, phases, mineral formulae, isocon, P-T paths."""
