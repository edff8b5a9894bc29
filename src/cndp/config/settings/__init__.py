"""Settings: base (shared), dev (default, SQLite), test, prod. All driven by environment variables."""
