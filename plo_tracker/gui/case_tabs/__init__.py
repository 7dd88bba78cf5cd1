"""The tabs of the case workspace: one module per tab, sharing one read-only table model."""
