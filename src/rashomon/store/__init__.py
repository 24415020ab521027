"""The article store: SQLite with versioned migrations, and exports."""

from __future__ import annotations

from rashomon.store.db import Store, StoreValidators, content_hash
from rashomon.store.export import export as export_articles

__all__ = ["Store", "StoreValidators", "content_hash", "export_articles"]
