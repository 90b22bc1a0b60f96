"""Reporters render results; they never compute them."""
