"""Rule kinds: each reads an Analysis and returns diagnostics (and a coverage entry)."""
