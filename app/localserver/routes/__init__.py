"""HTTP routes of the local service, one module per part of the Open API."""
