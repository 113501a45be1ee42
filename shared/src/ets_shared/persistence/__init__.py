"""Database plumbing every service shares: engine, column types, platform tables, migrations."""
