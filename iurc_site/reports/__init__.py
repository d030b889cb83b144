"""Admin reports of the programme site (registered in iurc_site/wagtail_hooks.py)."""
