"""A family's documents in the window: adding, opening and the confidential details register."""
