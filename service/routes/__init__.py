"""The HTTP routes: one blueprint per feature (service/app.py registers them)."""
