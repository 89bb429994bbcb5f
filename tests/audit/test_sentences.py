"""Issue 11 point 8: one table of sentences for every audit action, shared by the access-log
viewer and the data-subject export; an action written anywhere without a sentence fails here."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import translation

from regie.audit import sentences
from regie.cases import export_audit
from regie.core import policy, vocabulary
from regie.core.policy import _SCOPES
from tests.core.urlwalk import walk

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"

# ``action="x.y"``, ``ACTION = "x.y"`` and the helpers that take the action first
# (``record("meetings.item.add", …)`` in ``meetings.recording``).
_LITERAL = re.compile(
    r"""(?:\baction|\b[A-Z_]*ACTION)\s*(?::\s*str\s*)?=\s*"([a-z_]+(?:\.[a-z_]+)+)\""""
    r"""|\b_?record\(\s*"([a-z_]+(?:\.[a-z_]+)+)\""""
    r"""|action=f"interventions\.change\.\{'accept' if [^}]*else '(reject)'\}\""""
)


def written_actions() -> set[str]:
    """The vocabulary's names (issue 12.2: the only ones the policy and the audit facade take)
    and any literal that escaped it."""
    found: set[str] = set(vocabulary.members())
    for path in SRC.rglob("*.py"):
        for match in _LITERAL.finditer(path.read_text(encoding="utf-8")):
            literal, recorded, rejected = match.groups()
            if rejected:
                found |= {"interventions.change.accept", "interventions.change.reject"}
            else:
                found.add(literal or recorded)
    return found


def test_the_scan_finds_the_actions_of_every_app() -> None:
    found = written_actions()
    assert {
        "auth.mfa_verified",
        "accounts.user.create",
        "meetings.item.add",
        "cases.case.create",
        "partners.registration.expire",
        "interventions.change.reject",
        "audit.checkpoint",
    } <= found


def test_every_action_written_anywhere_has_its_own_sentence() -> None:
    reads = {f"{r.policy.action}.read" for r in walk() if r.policy and r.policy.action}
    views = {f"{model._meta.label_lower}.view" for model in _SCOPES}
    admin = {
        "admin.accounts.user.view",
        "admin.accounts.user.change",
        "admin.meetings.meeting.delete",
    }
    done = written_actions() | reads | views | admin
    missing = sorted(a for a in done if not sentences.has_own_sentence(a))
    assert missing == []
    refused = set(policy.registered_actions()) | views
    for action in refused:
        assert sentences.message_for(action, denied=True) != action


def test_the_export_and_the_viewer_use_the_same_table() -> None:
    assert export_audit.sentences() == sentences.tables()
    done, refused = sentences.tables()
    assert "cases.view.read" in done
    assert "auth.mfa_verified" in done
    assert refused["cases.case.view"] == sentences.DENIED_VIEW


def test_every_sentence_has_dutch_and_no_code() -> None:
    done, refused = sentences.tables()
    staff = sentences._staff
    with translation.override("nl"):
        for message in {*done.values(), *refused.values(), *staff.values(), sentences.READ}:
            text = translation.gettext(message)
            assert text != message, f"no Dutch for {message!r}"
            assert not re.search(r"\b[a-z]+\.[a-z_]+\b", text), text
