"""The gateway panel's papers: summary sheets, the agenda pack, minutes, decision letters."""
