"""The anonymous public side of Woo publications: ``/openbaar/`` (docs/woo.md)."""
