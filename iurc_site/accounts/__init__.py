"""Editors' accounts: the two-factor login of the admin (docs/two-factor.md)."""
