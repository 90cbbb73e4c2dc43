"""Benchmarks: they print their figures; no unit test times anything."""
