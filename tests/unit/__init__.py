"""Fast tests of the core as plain Python: the parser, choosing, reading, the schedule, the coach."""
