"""National returns in the window: the returns dialog and the settings group for their codes."""
