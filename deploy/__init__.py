"""The production shape: nginx, systemd units, and `make cluster` (deploy/cluster.py)."""
