"""The Reports page: management figures, charts, the families behind each figure."""
