"""lintcity: lint Chinese smart-city plans against the 2024 national guideline."""

__version__ = "0.1.0"
