"""The Panel page: the legal gateway panel's meetings, agendas and decisions."""
