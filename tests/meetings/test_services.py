"""Service-level behaviour of meetings: the minutes lifecycle (table-driven), locking after
adoption, deferral, the rollover of the actielijst, reordering, copying and moving items, and
optimistic locking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from regie.accounts.models import User
from regie.meetings import selectors, services
from regie.meetings.models import AgendaItem, Attendee, Meeting, MinutesAdoption
from tests.meetings.conftest import later

pytestmark = pytest.mark.django_db

CONCEPT = Meeting.Status.CONCEPT
SUBMITTED = Meeting.Status.SUBMITTED
ADOPTED = Meeting.Status.ADOPTED
Outcome = MinutesAdoption.Outcome


def _reach(meeting: Meeting, secretary: User, status: str) -> Meeting:
    """Bring the minutes to ``status`` the way users do; adoption happens at a later meeting."""
    if status in (SUBMITTED, ADOPTED):
        services.submit_minutes(meeting, actor=secretary)
    if status == ADOPTED:
        services.record_adoption(
            meeting, later(meeting, secretary), Outcome.ADOPTED, actor=secretary
        )
    meeting.refresh_from_db()
    assert meeting.status == status
    return meeting


def _at_meeting(meeting: Meeting) -> Meeting:
    following = selectors.next_meeting(meeting)
    assert following is not None
    return following


def _next_or_new(meeting: Meeting, secretary: User) -> Meeting:
    return selectors.next_meeting(meeting) or later(meeting, secretary)


def _submit(meeting: Meeting, secretary: User) -> None:
    services.submit_minutes(meeting, actor=secretary)


def _withdraw(meeting: Meeting, secretary: User) -> None:
    services.withdraw_minutes(meeting, actor=secretary)


def _adoption(outcome: str, changes: str = "") -> Callable[[Meeting, User], None]:
    def record(meeting: Meeting, secretary: User) -> None:
        services.record_adoption(
            meeting, _next_or_new(meeting, secretary), outcome, actor=secretary, changes=changes
        )

    return record


OPERATIONS: dict[str, Callable[[Meeting, User], None]] = {
    "submit": _submit,
    "withdraw": _withdraw,
    "adopted": _adoption(Outcome.ADOPTED),
    "adopted_with_changes": _adoption(Outcome.ADOPTED_WITH_CHANGES, "Punt 3 aangevuld."),
    "adopted_with_changes_without_text": _adoption(Outcome.ADOPTED_WITH_CHANGES),
    "deferred": _adoption(Outcome.DEFERRED),
}

# (from, operation, resulting status or None when the operation is refused)
LIFECYCLE = [
    (CONCEPT, "submit", SUBMITTED),
    (CONCEPT, "withdraw", None),
    (CONCEPT, "adopted", None),
    (CONCEPT, "adopted_with_changes", None),
    (CONCEPT, "deferred", None),
    (SUBMITTED, "submit", None),
    (SUBMITTED, "withdraw", CONCEPT),
    (SUBMITTED, "adopted", ADOPTED),
    (SUBMITTED, "adopted_with_changes", ADOPTED),
    (SUBMITTED, "adopted_with_changes_without_text", None),
    (SUBMITTED, "deferred", SUBMITTED),
    (ADOPTED, "submit", None),
    (ADOPTED, "withdraw", None),
    (ADOPTED, "adopted", None),
    (ADOPTED, "adopted_with_changes", None),
    (ADOPTED, "deferred", None),
]


@pytest.mark.parametrize(("start", "operation", "result"), LIFECYCLE)
def test_minutes_lifecycle(
    meeting: Meeting, secretary: User, start: str, operation: str, result: str | None
) -> None:
    _reach(meeting, secretary, start)
    if result is None:
        with pytest.raises(ValidationError):
            OPERATIONS[operation](meeting, secretary)
        meeting.refresh_from_db()
        assert meeting.status == start
    else:
        OPERATIONS[operation](meeting, secretary)
        meeting.refresh_from_db()
        assert meeting.status == result
        assert (meeting.adopted_at is not None) == (result == ADOPTED)
        assert (meeting.submitted_at is not None) == (result in (SUBMITTED, ADOPTED))


def test_every_pair_of_states_is_covered() -> None:
    reached = {(start, result) for start, _op, result in LIFECYCLE if result is not None}
    assert reached == {
        (CONCEPT, SUBMITTED),
        (SUBMITTED, CONCEPT),
        (SUBMITTED, ADOPTED),
        (SUBMITTED, SUBMITTED),  # deferred again
    }
    assert set(services.LIFECYCLE) == {
        (CONCEPT, SUBMITTED),
        (SUBMITTED, CONCEPT),
        (SUBMITTED, ADOPTED),
    }


def test_deferred_again_then_adopted_at_the_meeting_after(
    meeting: Meeting, secretary: User
) -> None:
    services.submit_minutes(meeting, actor=secretary)
    second = later(meeting, secretary, 28)
    third = later(meeting, secretary, 56)
    assert selectors.pending_minutes(second) == [meeting]
    services.record_adoption(meeting, second, Outcome.DEFERRED, actor=secretary)
    assert selectors.pending_minutes(third) == [meeting]
    services.record_adoption(meeting, third, Outcome.ADOPTED, actor=secretary)
    meeting.refresh_from_db()
    assert meeting.status == ADOPTED
    outcomes = list(meeting.adoptions.values_list("at_meeting", "outcome"))
    assert outcomes == [(second.pk, Outcome.DEFERRED), (third.pk, Outcome.ADOPTED)]
    assert selectors.pending_minutes(third) == []


def test_adoption_only_at_a_later_meeting_of_the_series(meeting: Meeting, secretary: User) -> None:
    services.submit_minutes(meeting, actor=secretary)
    earlier = later(meeting, secretary, -14)
    with pytest.raises(ValidationError):
        services.record_adoption(meeting, earlier, Outcome.ADOPTED, actor=secretary)
    with pytest.raises(ValidationError):
        services.record_adoption(meeting, meeting, Outcome.ADOPTED, actor=secretary)
    with pytest.raises(ValidationError):
        services.record_adoption(meeting, later(meeting, secretary), "approved", actor=secretary)


def test_only_managers_move_the_lifecycle(
    meeting: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    with pytest.raises(PermissionDenied):
        services.submit_minutes(meeting, actor=personas["regisseur_a"])
    services.submit_minutes(meeting, actor=personas["teamleider"])
    with pytest.raises(PermissionDenied):
        services.withdraw_minutes(meeting, actor=personas["regisseur_a"])


# --- Locking after adoption ---------------------------------------------------------------------


@pytest.fixture
def adopted(meeting: Meeting, secretary: User) -> dict[str, Any]:
    """A meeting with an item, a point and a decision, adopted at the next meeting."""
    item = services.add_item(meeting, actor=secretary, title="Casuïstiek")
    point = services.add_point(item, actor=secretary, text="Besproken.")
    decision = services.add_decision(item, actor=secretary, text="Zo gaan we het doen.")
    services.submit_minutes(meeting, actor=secretary)
    following = later(meeting, secretary)
    services.record_adoption(meeting, following, Outcome.ADOPTED, actor=secretary)
    meeting.refresh_from_db()
    item.refresh_from_db()
    return {
        "meeting": meeting,
        "item": item,
        "point": point,
        "decision": decision,
        "following": following,
        "attendee": meeting.attendees.all()[0],
        "secretary": secretary,
    }


EDITS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "invite": lambda w: services.invite(w["meeting"], actor=w["secretary"], name="Extern"),
    "set_presence": lambda w: services.set_presence(
        w["attendee"], Attendee.Presence.ABSENT, actor=w["secretary"]
    ),
    "add_item": lambda w: services.add_item(w["meeting"], actor=w["secretary"], title="Nieuw"),
    "update_item": lambda w: services.update_item(w["item"], actor=w["secretary"], title="Anders"),
    "reorder_items": lambda w: services.reorder_items(
        w["meeting"],
        list(w["meeting"].items.order_by("-position").values_list("pk", flat=True)),
        actor=w["secretary"],
    ),
    "move_item": lambda w: services.move_item(w["item"], actor=w["secretary"], up=True),
    "move_item_to": lambda w: services.move_item_to(
        w["item"], w["following"], actor=w["secretary"]
    ),
    "copy_item_into": lambda w: services.copy_item(
        w["following"].items.all()[0], w["meeting"], actor=w["secretary"]
    ),
    "remove_item": lambda w: services.remove_item(w["item"], actor=w["secretary"]),
    "defer_item": lambda w: services.defer_item(w["item"], actor=w["secretary"]),
    "add_point": lambda w: services.add_point(w["item"], actor=w["secretary"], text="Nog iets."),
    "update_point": lambda w: services.update_point(
        w["point"], actor=w["secretary"], text="Anders."
    ),
    "remove_point": lambda w: services.remove_point(w["point"], actor=w["secretary"]),
    "add_decision": lambda w: services.add_decision(
        w["item"], actor=w["secretary"], text="Nog een."
    ),
    "remove_decision": lambda w: services.remove_decision(w["decision"], actor=w["secretary"]),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_adopted_minutes_are_locked(adopted: dict[str, Any], edit: str) -> None:
    with pytest.raises(ValidationError) as refused:
        EDITS[edit](adopted)
    assert refused.value.code == "locked"
    item = AgendaItem.objects.get(pk=adopted["item"].pk)
    assert item.title == "Casuïstiek"
    assert item.points.count() == 1
    assert item.decisions.count() == 1


def test_erratum_only_on_adopted_minutes(adopted: dict[str, Any], secretary: User) -> None:
    erratum = services.add_erratum(
        adopted["meeting"], actor=secretary, text="Datum punt 2 is 1 juli."
    )
    assert list(adopted["meeting"].errata.all()) == [erratum]
    with pytest.raises(PermissionDenied):
        services.add_erratum(adopted["following"], actor=secretary, text="Te vroeg.")
    with pytest.raises(ValidationError):
        services.add_erratum(adopted["meeting"], actor=secretary, text="  ")


def test_copying_out_of_adopted_minutes_is_allowed(
    adopted: dict[str, Any], secretary: User
) -> None:
    copy = services.copy_item(adopted["item"], adopted["following"], actor=secretary)
    assert copy.meeting == adopted["following"]
    assert copy.title == "Casuïstiek"
    assert not copy.points.exists()


# --- Deferral -----------------------------------------------------------------------------------


def test_defer_before_the_next_meeting_exists(meeting: Meeting, secretary: User) -> None:
    item = services.add_item(meeting, actor=secretary, title="Informatiebeeld", presenter="Analist")
    services.defer_item(item, actor=secretary)
    following = later(meeting, secretary)
    carried = following.items.get(deferred_from=item)
    assert carried.kind == AgendaItem.Kind.DEFERRED
    assert carried.title == "Informatiebeeld"
    assert carried.presenter == "Analist"
    # Before the closing item, which stays last.
    positions = list(following.items.order_by("position").values_list("standing", flat=True))
    assert positions[-1] == "closing"
    assert following.items.filter(deferred_from=item).count() == 1


def test_defer_after_the_next_meeting_exists(meeting: Meeting, secretary: User) -> None:
    following = later(meeting, secretary)
    item = services.add_item(meeting, actor=secretary, title="Informatiebeeld")
    services.defer_item(item, actor=secretary)
    services.defer_item(item, actor=secretary)  # twice: still one copy
    carried = following.items.get(deferred_from=item)
    assert carried.kind == AgendaItem.Kind.DEFERRED
    assert list(following.items.order_by("position").values_list("standing", flat=True))[-1] == (
        "closing"
    )
    # Undoing the deferral takes the untouched copy off the next agenda again.
    services.defer_item(item, actor=secretary, deferred=False)
    assert not following.items.filter(deferred_from=item).exists()


def test_deferred_item_is_not_carried_twice(meeting: Meeting, secretary: User) -> None:
    item = services.add_item(meeting, actor=secretary, title="Informatiebeeld")
    services.defer_item(item, actor=secretary)
    second = later(meeting, secretary, 28)
    third = later(meeting, secretary, 56)
    assert second.items.filter(deferred_from=item).count() == 1
    assert not third.items.filter(deferred_from=item).exists()


# --- Rollover of the actielijst -----------------------------------------------------------------


def test_open_actions_roll_over_and_done_ones_show_once(
    meeting: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    owner = services.Owner(user=personas["regisseur_a"])
    open_action = services.add_action(
        meeting.series,
        actor=secretary,
        subject="Contactgids delen",
        meeting=meeting,
        subactions=[services.SubActionInput("Lijst sturen", owners=[owner], due_text="z.s.m.")],
    )
    done_action = services.add_action(
        meeting.series,
        actor=secretary,
        subject="Training plannen",
        meeting=meeting,
        subactions=[services.SubActionInput("Datum prikken", due_text="september 2021")],
    )
    second = later(meeting, secretary, 28)
    assert {a.subject for a in selectors.actielijst(second)} == {
        "Contactgids delen",
        "Training plannen",
    }
    services.complete_subaction(
        done_action.subactions.get(), actor=secretary, on=second.date - dt.timedelta(days=3)
    )
    third = later(meeting, secretary, 56)
    fourth = later(meeting, secretary, 84)
    # Completed between the first and the second meeting: shown as done at the second, then gone.
    at_second = {a.subject: a for a in selectors.actielijst(second)}
    assert at_second["Training plannen"].subactions.all()[0].completed_on is not None
    assert [a.subject for a in selectors.actielijst(third)] == ["Contactgids delen"]
    assert [a.subject for a in selectors.actielijst(fourth)] == ["Contactgids delen"]
    assert open_action.subactions.get().is_open


def test_the_meeting_view_carries_the_actielijst(
    meeting: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    services.add_action(
        meeting.series,
        actor=secretary,
        subject="Contactgids delen",
        meeting=meeting,
        subactions=[services.SubActionInput("Lijst sturen")],
    )
    following = later(meeting, secretary)
    view = selectors.meeting_view(personas["regisseur_a"], following)
    assert [a.subject for a in view.actions] == ["Contactgids delen"]


# --- Reorder, copy, move ------------------------------------------------------------------------


def _titles(meeting: Meeting) -> list[str]:
    return list(meeting.items.order_by("position").values_list("title", flat=True))


def test_reorder_and_move_up_down(meeting: Meeting, secretary: User) -> None:
    a = services.add_item(meeting, actor=secretary, title="A")
    b = services.add_item(meeting, actor=secretary, title="B")
    assert _titles(meeting)[2:4] == ["A", "B"]
    services.move_item(b, actor=secretary, up=True)
    assert _titles(meeting)[2:4] == ["B", "A"]
    services.move_item(b, actor=secretary, up=False)
    assert _titles(meeting)[2:4] == ["A", "B"]
    positions = list(meeting.items.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))
    ids = list(meeting.items.order_by("-position").values_list("pk", flat=True))
    services.reorder_items(meeting, ids, actor=secretary)
    assert _titles(meeting)[0] == "WVTTK en sluiting"
    with pytest.raises(ValidationError):
        services.reorder_items(meeting, ids[:-1], actor=secretary)
    with pytest.raises(ValidationError):
        services.reorder_items(meeting, [*ids[:-1], a.pk], actor=secretary)


def test_first_item_up_changes_nothing(meeting: Meeting, secretary: User) -> None:
    before = _titles(meeting)
    services.move_item(meeting.items.order_by("position")[0], actor=secretary, up=True)
    assert _titles(meeting) == before


def test_copy_and_move_to_another_meeting(meeting: Meeting, secretary: User) -> None:
    following = later(meeting, secretary)
    item = services.add_item(
        meeting, actor=secretary, title="Presentatie GGD", kind=AgendaItem.Kind.PRESENTATION
    )
    copy = services.copy_item(item, following, actor=secretary)
    assert copy.meeting == following
    assert copy.kind == AgendaItem.Kind.PRESENTATION
    assert meeting.items.filter(pk=item.pk).exists()
    moved = services.move_item_to(item, following, actor=secretary)
    assert moved.meeting == following
    assert not meeting.items.filter(title="Presentatie GGD").exists()
    positions = list(meeting.items.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, len(positions) + 1))
    assert _titles(following)[-1] == "WVTTK en sluiting"


def test_move_refuses_items_with_minutes_and_other_series(
    meeting: Meeting, secretary: User, series: Any, teams: Any
) -> None:
    following = later(meeting, secretary)
    item = services.add_item(meeting, actor=secretary, title="Casus")
    services.add_point(item, actor=secretary, text="Besproken.")
    with pytest.raises(ValidationError):
        services.move_item_to(item, following, actor=secretary)
    with pytest.raises(ValidationError):
        services.move_item_to(meeting.items.get(standing="opening"), following, actor=secretary)
    with pytest.raises(ValidationError):
        services.copy_item(item, meeting, actor=secretary)
    other_series = services.create_series(actor=secretary, name="Weegploeg", team=series.team)
    elsewhere = services.create_meeting(other_series, actor=secretary, date=dt.date(2021, 7, 1))
    with pytest.raises(ValidationError):
        services.copy_item(item, elsewhere, actor=secretary)


def test_remove_keeps_standing_items(meeting: Meeting, secretary: User) -> None:
    with pytest.raises(ValidationError):
        services.remove_item(meeting.items.get(standing="previous_minutes"), actor=secretary)
    extra = services.add_item(meeting, actor=secretary, title="Weg")
    services.remove_item(extra, actor=secretary)
    assert "Weg" not in _titles(meeting)


# --- Optimistic locking -------------------------------------------------------------------------


def test_concurrent_meeting_edits_conflict(meeting: Meeting, secretary: User) -> None:
    version = meeting.version
    mine = Meeting.objects.get(pk=meeting.pk)
    theirs = Meeting.objects.get(pk=meeting.pk)
    services.update_meeting(theirs, actor=secretary, expected_version=version, location="Online")
    with pytest.raises(services.Conflict):
        services.update_meeting(mine, actor=secretary, expected_version=version, location="Stopera")
    meeting.refresh_from_db()
    assert meeting.location == "Online"
    assert meeting.version == version + 1
    services.update_meeting(mine, actor=secretary, expected_version=version + 1, location="Stopera")
    meeting.refresh_from_db()
    assert meeting.location == "Stopera"


def test_the_details_of_adopted_minutes_are_locked_too(meeting: Meeting, secretary: User) -> None:
    services.submit_minutes(meeting, actor=secretary)
    following = later(meeting, secretary)
    services.record_adoption(meeting, following, MinutesAdoption.Outcome.ADOPTED, actor=secretary)
    meeting.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.update_meeting(meeting, actor=secretary, location="Elders")
    assert refused.value.code == "locked"
    meeting.refresh_from_db()
    assert meeting.location != "Elders"


# --- Review fixes ---------------------------------------------------------------------------------


def test_removing_an_item_records_its_id_and_what_went_with_it(
    meeting: Meeting, secretary: User
) -> None:
    from regie.audit.models import AuditEvent

    item = services.add_item(meeting, actor=secretary, title="Weg")
    services.add_point(item, actor=secretary, text="Besproken.")
    services.add_point(item, actor=secretary, text="Nog iets.")
    services.add_decision(item, actor=secretary, text="Zo doen we het.")
    pk = item.pk
    services.remove_item(item, actor=secretary)
    event = AuditEvent.objects.filter(action="meetings.item.remove").latest("id")
    assert event.changes == {"item": pk, "points": 2, "decisions": 1}


def test_date_stays_once_adoptions_are_recorded_or_minutes_submitted(
    meeting: Meeting, secretary: User
) -> None:
    following = later(meeting, secretary)
    services.submit_minutes(meeting, actor=secretary)
    # Its own minutes are submitted: the date is part of what the next meeting adopts.
    with pytest.raises(ValidationError) as refused:
        services.update_meeting(meeting, actor=secretary, date=dt.date(2021, 6, 16))
    assert refused.value.code == "date_fixed"
    # Deferred at the following meeting: that meeting holds an adoption record now.
    services.record_adoption(meeting, following, Outcome.DEFERRED, actor=secretary)
    with pytest.raises(ValidationError) as refused:
        services.update_meeting(following, actor=secretary, date=dt.date(2021, 6, 1))
    assert refused.value.code == "date_fixed"
    following.refresh_from_db()
    assert following.date == dt.date(2021, 7, 13)
    # Other details may still change, and so may an unchanged date.
    services.update_meeting(
        following, actor=secretary, date=following.date, location="Online", expected_version=None
    )
    following.refresh_from_db()
    assert following.location == "Online"


def test_date_of_a_draft_meeting_without_adoptions_can_change(
    meeting: Meeting, secretary: User
) -> None:
    services.update_meeting(meeting, actor=secretary, date=dt.date(2021, 6, 16))
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2021, 6, 16)


def test_removing_a_deferred_copy_ends_the_deferral(meeting: Meeting, secretary: User) -> None:
    item = services.add_item(meeting, actor=secretary, title="Informatiebeeld")
    services.defer_item(item, actor=secretary)
    following = later(meeting, secretary)
    copy = following.items.get(deferred_from=item)
    services.remove_item(copy, actor=secretary)
    item.refresh_from_db()
    assert not item.deferred
    # A meeting made later (here: between the two) does not pick it up again.
    between = later(meeting, secretary, 14)
    assert not between.items.filter(deferred_from=item).exists()


def test_removing_a_deferred_copy_leaves_adopted_minutes_as_adopted(
    meeting: Meeting, secretary: User
) -> None:
    item = services.add_item(meeting, actor=secretary, title="Informatiebeeld")
    services.defer_item(item, actor=secretary)
    following = later(meeting, secretary)
    services.submit_minutes(meeting, actor=secretary)
    services.record_adoption(meeting, following, Outcome.ADOPTED, actor=secretary)
    services.remove_item(following.items.get(deferred_from=item), actor=secretary)
    item.refresh_from_db()
    assert item.deferred  # what the adopted minutes say


def test_moving_a_deferred_copy_keeps_where_it_came_from(meeting: Meeting, secretary: User) -> None:
    item = services.add_item(meeting, actor=secretary, title="Informatiebeeld")
    services.defer_item(item, actor=secretary)
    following = later(meeting, secretary)
    after = later(meeting, secretary, 56)
    moved = services.move_item_to(following.items.get(deferred_from=item), after, actor=secretary)
    assert moved.deferred_from == item
    assert moved.kind == AgendaItem.Kind.DEFERRED
    item.refresh_from_db()
    assert item.deferred
    # Moving it back where a copy of the same item exists already is refused, not a crash.
    services.copy_item(moved, following, actor=secretary)  # a plain copy has no deferred_from
    services.move_item_to(moved, following, actor=secretary)
    assert following.items.filter(deferred_from=item).count() == 1
    second = services.add_item(after, actor=secretary, title="Ander")
    AgendaItem.objects.filter(pk=second.pk).update(deferred_from=item)
    second.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.move_item_to(second, following, actor=secretary)
    assert refused.value.code == "deferred_twice"


def test_remove_attendee(meeting: Meeting, secretary: User, personas: dict[str, User]) -> None:
    extra = services.invite(meeting, actor=secretary, name="Gast van buiten")
    services.remove_attendee(extra, actor=secretary)
    assert not meeting.attendees.filter(pk=extra.pk).exists()
    speaker = meeting.attendees.get(user=personas["teamleider"])
    item = meeting.items.get(standing="opening")
    services.add_point(item, actor=secretary, text="Welkom.", speaker=speaker)
    with pytest.raises(ValidationError) as refused:
        services.remove_attendee(speaker, actor=secretary)
    assert refused.value.code == "speaker"
    assert meeting.attendees.filter(pk=speaker.pk).exists()
    with pytest.raises(PermissionDenied):
        services.remove_attendee(meeting.attendees.all()[0], actor=personas["regisseur_a"])


def test_remove_attendee_refused_on_adopted_minutes(adopted: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        services.remove_attendee(adopted["attendee"], actor=adopted["secretary"])
    assert refused.value.code == "locked"
    assert Attendee.objects.filter(pk=adopted["attendee"].pk).exists()


def test_reopen_subaction_version_is_a_keyword(meeting: Meeting, secretary: User) -> None:
    action = services.add_action(
        meeting.series,
        actor=secretary,
        subject="Contactgids delen",
        meeting=meeting,
        subactions=[services.SubActionInput("Lijst sturen")],
    )
    sub = action.subactions.get()
    services.complete_subaction(sub, actor=secretary, on=dt.date(2021, 6, 16))
    with pytest.raises(services.Conflict):
        services.reopen_subaction(sub, actor=secretary, expected_version=1)


# --- The adopted document (snapshot) ------------------------------------------------------------


def test_adoption_keeps_the_minutes_as_adopted(
    meeting: Meeting, secretary: User, personas: dict[str, User]
) -> None:
    from regie.meetings import documents

    services.add_action(
        meeting.series,
        actor=secretary,
        subject="Contactgids delen",
        meeting=meeting,
        subactions=[services.SubActionInput("Lijst sturen")],
    )
    services.submit_minutes(meeting, actor=secretary)
    following = later(meeting, secretary)
    services.record_adoption(meeting, following, Outcome.DEFERRED, actor=secretary)
    meeting.refresh_from_db()
    assert meeting.adopted_document is None
    services.record_adoption(meeting, following, Outcome.ADOPTED, actor=secretary)
    meeting.refresh_from_db()
    kept = meeting.adopted_document
    assert kept is not None
    assert kept["format"] == documents.SNAPSHOT_FORMAT
    assert kept["date"] == "2021-06-15"
    assert [a["subject"] for a in kept["actions"]] == ["Contactgids delen"]
    # Later work on the actielijst leaves the adopted document alone.
    services.add_action(
        meeting.series,
        actor=secretary,
        subject="Nieuw na vaststelling",
        raised_on=dt.date(2021, 6, 1),
        subactions=[services.SubActionInput("Iets")],
    )
    meeting.refresh_from_db()
    assert meeting.adopted_document == kept


def test_imported_adopted_minutes_keep_their_document(series: Any, secretary: User) -> None:
    from regie.meetings.importing import saving
    from regie.meetings.importing.parser import DraftItem, DraftMeeting

    adopted = saving.save_draft(
        actor=secretary,
        series=series,
        draft=DraftMeeting(
            adopted=True, date=dt.date(2021, 5, 18), items=[DraftItem(number=1, title="Opening")]
        ),
    ).meeting
    adopted.refresh_from_db()
    assert adopted.status == ADOPTED
    assert adopted.adopted_document is not None
    assert [i["title"] for i in adopted.adopted_document["items"]] == ["Opening"]
    draft = saving.save_draft(
        actor=secretary,
        series=series,
        draft=DraftMeeting(date=dt.date(2021, 6, 1), items=[DraftItem(number=1, title="Opening")]),
    ).meeting
    draft.refresh_from_db()
    assert draft.adopted_document is None
