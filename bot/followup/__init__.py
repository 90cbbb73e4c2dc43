"""Following a recorded goal through after its date: when (`schedule`) and posting it exactly once (`sender`)."""
