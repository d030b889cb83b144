"""Settings per environment: base (shared, safe), dev, test, production."""
