"""Importing families from the council's spreadsheet: the import wizard."""
