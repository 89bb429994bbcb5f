"""The shared view helpers of meetings (``meetings.web``) and what they ask of
``core.forms.submit``: a one-button post says a refusal as a message, in a page's own words for
a conflict, and a form post that lost a race says so (``Submitted.conflict``)."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import RequestFactory

from regie.core.forms import conflict_message, submit
from regie.core.locking import Conflict
from regie.meetings.web import error_messages, focus, one_button


def _request() -> HttpRequest:
    request = RequestFactory().post("/")
    # What the session and message middleware would attach.
    setattr(request, "session", {})  # noqa: B010
    setattr(request, "_messages", FallbackStorage(request))  # noqa: B010
    return request


def _said(request: HttpRequest) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def _refuse(*messages: str) -> None:
    raise ValidationError(list(messages))


def _lose_race() -> None:
    raise Conflict({"text": ("mine", "theirs")})


def test_one_button_says_done() -> None:
    request = _request()
    assert one_button(request, lambda: None, "Done.") is True
    assert _said(request) == [("success", "Done.")]


def test_one_button_says_a_refusal_in_one_message_or_one_per_sentence() -> None:
    joined = _request()
    assert one_button(joined, lambda: _refuse("Locked.", "Ask the chair."), "Done.") is False
    assert _said(joined) == [("error", "Locked. Ask the chair.")]
    apart = _request()
    one_button(apart, lambda: _refuse("Locked.", "Ask the chair."), "Done.", joined=False)
    assert _said(apart) == [("error", "Locked."), ("error", "Ask the chair.")]


def test_one_button_words_a_conflict_as_the_page_asks() -> None:
    request = _request()
    one_button(request, _lose_race, "Done.", on_conflict="Changed just now.")
    assert _said(request) == [("error", "Changed just now.")]
    general = _request()
    one_button(general, _lose_race, "Done.")
    assert _said(general) == [("error", conflict_message())]


class _TextForm(forms.Form):
    text = forms.CharField()


def test_submit_tells_a_conflict_from_a_refusal() -> None:
    lost = _TextForm({"text": "x"})
    result = submit(lost, lambda _data: _lose_race())
    assert (result.ok, result.conflict is not None) == (False, True)
    refused = _TextForm({"text": "x"})
    result = submit(refused, lambda _data: _refuse("No."))
    assert (result.ok, result.conflict is not None) == (False, False)
    assert error_messages(refused) == ["No."]


def test_focus_goes_to_the_first_field_with_an_error() -> None:
    fine, faulty = _TextForm({"a-text": "x"}, prefix="a"), _TextForm({}, prefix="b")
    fine.is_valid()
    faulty.is_valid()
    focus(fine, faulty)
    assert faulty.fields["text"].widget.attrs.get("autofocus") is True
    assert "autofocus" not in fine.fields["text"].widget.attrs
