"""Signals the key store sends for the layers above it to record (the audit connects to
them): the key store sits below the audit and never imports it."""

from django.dispatch import Signal

# Sent after a rotation has rewrapped data keys: model_label, row_count, description.
keys_rewrapped = Signal()
