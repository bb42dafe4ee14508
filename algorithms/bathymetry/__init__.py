"""Bathymetry methods: resampling baselines, super-resolution, gap filling, soundings."""
