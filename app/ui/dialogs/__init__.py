"""Dialogs that show what the service holds (properties, search results) or ask for an account."""
