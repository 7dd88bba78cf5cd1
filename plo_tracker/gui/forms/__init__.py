"""Dialogs that record a family's milestones, the new family wizard, and what they share."""
