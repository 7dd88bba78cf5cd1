"""The store: SQLAlchemy models, engine, unit of work, migrations, backup and checks."""
