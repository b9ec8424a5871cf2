"""The project file: the one package that talks SQL. `Store` is its front door."""

from annotator.core.store.project_store import Store

__all__ = ["Store"]
