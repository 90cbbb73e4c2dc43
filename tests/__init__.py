"""The tests: `unit/` for the plain-Python core, `e2e/` for the real app over HTTP on both databases."""
