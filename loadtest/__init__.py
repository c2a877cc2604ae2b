"""The load test (`make loadtest`); see __main__.py. Not collected by pytest."""
