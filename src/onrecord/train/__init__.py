"""Training code for onrecord's statistical models (needs the optional ``train`` extra)."""
