"""Imports of time history from other tools: one parser per format, a mapper, a service."""
