"""The plan reader: whether a mention is about a plan, which channels are on the table and whether a
strategic goal has been stated. Its modules are split by job; see `reading` for the verdict."""
