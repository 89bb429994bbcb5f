"""Exports of a reviewed document (issue 13): every one goes through ``redact``, so redacted text
is gone from the text, the PDF, the metadata and the inventory, not covered.

``redact`` (placeholders with their ground), ``text`` (plain text), ``pdf`` (the redacted
document as PDF), ``diwoo`` (DiWoo 0.9.8 metadata XML), ``inventory`` (the inventory list of a
set of documents, CSV and PDF) and ``sources`` (adopted minutes and uploaded files as a
``Document``). See docs/woo-export.md.
"""
