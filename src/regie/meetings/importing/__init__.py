"""Importing minutes written elsewhere: paste or upload → review of the parsed draft → save.

* ``parser`` reads minutes (text or DOCX) into a draft. Pure: no ORM, no models (an import
  contract in ``pyproject.toml`` and ``tests/meetings/test_purity.py`` keep it so).
* ``review`` shows the draft as it will be saved; ``saving`` saves it through the services.
* ``views``, ``forms`` and ``urls``: the import pages under ``/overleggen/<series>/``.

This package's ``__init__`` imports nothing, so the parser can be used without Django's models.
"""
