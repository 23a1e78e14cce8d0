"""Tactful: a copilot for multilingual, cross-cultural customer service."""
