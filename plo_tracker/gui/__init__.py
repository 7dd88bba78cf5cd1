"""The window: the only package that imports Qt; views, item models, dialogs and workers."""
