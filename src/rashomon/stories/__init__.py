"""Near-duplicates and incremental story grouping."""
