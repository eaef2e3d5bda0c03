"""The chaos soak: transfers through a connection-cutting proxy while client and service get killed."""
