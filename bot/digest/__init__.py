"""The monthly digest: a lead's DM with the coach's scorecard, on the first working day of the month."""
