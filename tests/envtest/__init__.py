"""The project's own control plane: binaries, certificates, the process manager and its CLI."""
