"""The informatiebeeld's trends (issue 14): counts of signals per theme, district, source type
and triage outcome over a chosen period beside the period before it. Aggregates only: no page
or document built on this package shows a single signal."""
