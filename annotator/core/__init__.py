"""The annotation core: model, store, text handling, import/export. It never imports Qt."""
