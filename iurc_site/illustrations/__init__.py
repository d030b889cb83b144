"""Illustrations generated from the programme's data: maps of the places a page is about.

docs/illustrations.md explains what is drawn, from what, and with which fonts.
"""
