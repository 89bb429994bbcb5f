"""A ``login_as`` that asks for English, for test modules that assert the English source
messages (the Dutch ones are checked by the catalogue test). Import it into such a module."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

Login = Callable[[str], Client]


@pytest.fixture(name="login_as")
def english_login_as(login_as: Login) -> Login:
    def login(name: str) -> Client:
        client = login_as(name)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return login
