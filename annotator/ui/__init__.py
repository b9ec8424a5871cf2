"""The Qt user interface, built on `annotator.core`."""
