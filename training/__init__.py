"""Training of the shipped models (dev only, not in the plugin zip)."""
