"""Build-time benchmark of the timeline site: synthetic data and the measuring harness."""
