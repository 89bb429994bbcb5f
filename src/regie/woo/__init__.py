"""Woo publication: redacting adopted minutes and documents with a legal ground per span,
four-eyes review, exports in which redacted text is gone, and a public publication page
(issue 13, docs/woo.md)."""
