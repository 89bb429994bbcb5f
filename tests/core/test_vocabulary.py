"""Issue 12.2: one vocabulary of action names, defined once, used by the policy and the audit log.

The types do most of the work: the policy and the audit facade take only vocabulary members
(mypy refuses a string). These tests keep the types honest, look for the strings that could
still slip past them (a ``cast``, an f-string, a call mypy does not see), and check that every
name reads as a sentence in the access log, renamed ones included.
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from typing import get_type_hints

import pytest

from regie.accounts import home
from regie.audit import sentences
from regie.audit.models import AuditEvent
from regie.audit.services import append
from regie.audit.views import filtered_events
from regie.cases.vocabulary import Cases
from regie.core import audit, navigation, policy, vocabulary
from regie.core.vocabulary import Action, AuditAction, Kernel

SRC = Path(__file__).resolve().parents[2] / "src" / "regie"

# Calls that take an action: the argument position (``None``: only as ``action=``).
_TAKES_ACTION = {
    "rule": 0,
    "requires": 0,
    "has_bulk": 0,
    "permits": 1,
    "permitted": 1,
    "authorize": 1,
    "check": 1,
    "record": 0,  # ``audit.record`` takes it as ``action=``; ``meetings.recording`` first
    "get_for_user": None,
    "ViewPolicy": None,
    "NavItem": 3,
}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def free_action_strings(root: Path = SRC) -> list[str]:
    """Where an action is passed as text: a literal or an f-string instead of a member."""
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            arguments = [kw.value for kw in node.keywords if kw.arg == "action"]
            if name in _TAKES_ACTION:
                position = _TAKES_ACTION[name]
                if position is not None and len(node.args) > position:
                    arguments.append(node.args[position])
            else:
                # ``action=`` of any other call is an action too (``_event(..., action=...)``);
                # Django's own ``action`` arguments never take a dotted name.
                arguments = [a for a in arguments if not _is_text(a) or "." in ast.unparse(a)]
            for argument in arguments:
                if _is_text(argument):
                    where = path.relative_to(root.parent)
                    found.append(f"{where}:{node.lineno}: {ast.unparse(argument)}")
    return found


def test_no_action_is_passed_as_text() -> None:
    assert free_action_strings() == []


def test_the_scan_finds_a_free_string(tmp_path: Path) -> None:
    # The scan can fail: each way an action could be written as text is caught.
    (tmp_path / "planted.py").write_text(
        "from regie.core import audit, policy\n"
        "@policy.rule('cases.view')\n"
        "def f(user, obj): ...\n"
        "policy.check(None, 'cases.view')\n"
        "audit.record(action=f'admin.{x}.delete')\n"
        "record('meetings.item.add', None, None)\n"
        "_event(None, None, '', action='partners.registration.end')\n",
        encoding="utf-8",
    )
    assert len(free_action_strings(tmp_path)) == 5


@pytest.mark.parametrize(
    ("function", "parameter", "expected"),
    [
        (policy.rule, "action", Action),
        (policy.requires, "action", Action),
        (policy.permits, "action", Action),
        (policy.permitted, "action", Action),
        (policy.authorize, "action", Action),
        (policy.check, "action", Action),
        (policy.has_bulk, "action", Action),
        (policy.get_for_user, "action", Action | None),
        (audit.record, "action", AuditAction),
    ],
)
def test_the_policy_and_the_audit_take_only_the_vocabulary(
    function: object, parameter: str, expected: object
) -> None:
    assert inspect.isfunction(function)
    assert get_type_hints(function)[parameter] == expected
    assert get_type_hints(navigation.NavItem)["action"] == Action


def test_every_rule_is_a_vocabulary_name() -> None:
    assert set(policy.registered_actions()) <= set(vocabulary.members())
    assert all(isinstance(action, Action) for action in policy.registered_actions())


def test_names_are_defined_once_and_well_formed() -> None:
    members = vocabulary.members()
    assert len(members) > 100
    for name, member in members.items():
        assert member.value == name
        assert vocabulary.is_known(name)
        # ``app.feature`` or ``app.object.verb``; the kernel's ``page`` stands alone.
        assert name == Kernel.PAGE or 2 <= len(name.split(".")) <= 4, name


def test_the_same_act_has_the_same_name_in_the_policy_and_the_log() -> None:
    # The example of the issue: the rule and the event of adding a journal entry.
    assert "cases.journal.create" in policy.registered_actions()
    assert "cases.journal.add" not in vocabulary.members()
    assert vocabulary.lookup("cases.journal.add") is Cases.JOURNAL_CREATE


def test_every_name_has_a_sentence_of_its_own() -> None:
    missing = sorted(n for n in vocabulary.members() if not sentences.has_own_sentence(n))
    assert missing == []


def test_every_sentence_is_about_a_vocabulary_name() -> None:
    done, refused = sentences.tables()
    unknown = sorted(name for name in {*done, *refused} if not vocabulary.is_known(name))
    assert unknown == []


def test_every_home_card_names_a_vocabulary_action() -> None:
    for panels in home.PANELS_BY_ROLE.values():
        for panel in panels:
            assert isinstance(vocabulary.lookup(panel.action), Action)


def test_renamed_names_are_old_names_only() -> None:
    renamed = vocabulary.renamed()
    assert renamed["cases.journal.add"] is Cases.JOURNAL_CREATE
    for old, new in renamed.items():
        assert old not in vocabulary.members()
        assert vocabulary.canonical(old) == new
        assert vocabulary.canonical(f"{old}.read") == vocabulary.read_of(new)
    with pytest.raises(vocabulary.VocabularyError):
        vocabulary.rename("cases.journal.create", Cases.VIEW)
    with pytest.raises(vocabulary.VocabularyError):
        vocabulary.rename("cases.journal.add", Cases.VIEW)


def test_old_rows_read_as_the_act_they_are() -> None:
    for old, new in vocabulary.renamed().items():
        for denied in (True, False):
            assert sentences.message_for(old, denied=denied) == sentences.message_for(
                new, denied=denied
            )
        assert sentences.has_own_sentence(old)
    # A read of a page guarded by a renamed rule.
    assert sentences.message_for("cases.create.read", denied=False) == sentences.message_for(
        vocabulary.read_of(Cases.CASE_CREATE), denied=False
    )


@pytest.mark.django_db
def test_the_viewer_finds_old_rows_by_the_current_name_and_the_new_by_the_old() -> None:
    for action in ("cases.journal.add", "cases.journal.create", "cases.view"):
        append(action=action, actor="auditor", result="denied")

    def found(prefix: str) -> set[str]:
        return set(filtered_events({"action": prefix}).values_list("action", flat=True))

    assert found("cases.journal.create") == {"cases.journal.add", "cases.journal.create"}
    assert found("cases.journal.add") == {"cases.journal.add", "cases.journal.create"}
    assert found("cases.view") == {"cases.view"}
    assert AuditEvent.objects.count() == 3
