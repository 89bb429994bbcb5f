"""The Woo coordinators' pages (issue 13): list, create, review, decisions, workflow, files."""
