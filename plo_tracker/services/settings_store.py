"""Reading and writing settings as key/value rows, each key named section.field."""

from __future__ import annotations

import json
from dataclasses import asdict, fields, replace

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from plo_tracker.settings import CouncilDetails, Settings
from plo_tracker.storage.models import Setting

# Every section of Settings, read from the dataclass so a new section is stored with no
# second list to keep in step.
SECTIONS = tuple(f.name for f in fields(Settings))


def read_settings(conn: Connection) -> Settings:
    """Build Settings from the stored rows, ignoring keys this version does not know."""
    stored = {key: json.loads(value) for key, value in conn.execute(
        select(Setting.key, Setting.value)
    )}
    settings = Settings()
    for section in SECTIONS:
        current = getattr(settings, section)
        known = {f.name for f in fields(current)}
        changes = {
            key.split(".", 1)[1]: value for key, value in stored.items()
            if key.startswith(section + ".") and key.split(".", 1)[1] in known
        }
        if changes:
            settings = replace(settings, **{section: replace(current, **changes)})
    return settings


def write_settings(session: Session, settings: Settings) -> dict[str, object]:
    """Store every value that differs from the default; return the flat values written."""
    flat: dict[str, object] = {}
    defaults = Settings()
    for section in SECTIONS:
        for name, value in asdict(getattr(settings, section)).items():
            key = f"{section}.{name}"
            row = session.get(Setting, key)
            if value == asdict(getattr(defaults, section))[name]:
                if row is not None:
                    session.delete(row)
                continue
            flat[key] = value
            if row is None:
                session.add(Setting(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)
    return flat


__all__ = ["CouncilDetails", "read_settings", "write_settings"]
