"""The rules of PLO pre-proceedings: plain Python, no Qt, SQL or PDF."""
