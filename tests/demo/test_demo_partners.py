"""The demo's partner registrations are what the README says they are (issue 10, point 13):
what each active registration shares, and so which interventions each partner sees."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from regie.accounts.models import User
from regie.core import policy
from regie.interventions.models import CaseIntervention
from regie.partners.models import Registration

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"


def _demo_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("### What the demo contains")
    return " ".join(text[start : text.index("\n## ", start)].split())


def _documented_sharing(section: str, organisation: str) -> set[str]:
    """``<organisation> active (sharing a, b and c…)`` → {a, b, c}."""
    short = organisation.split(" (")[0]
    found = re.search(rf"{re.escape(short)} active \(sharing ([^,)]+(?:, [^,)]+)*)", section)
    assert found, f"the README does not say what {short}'s registration shares"
    words = re.split(r", | and ", found.group(1).split(", with")[0])
    return {word.strip() for word in words}


@override_settings(DEBUG=True)
def test_the_readme_names_what_each_demo_registration_shares() -> None:
    call_command("demo")
    section = _demo_section()
    active = Registration.objects.filter(status=Registration.Status.ACTIVE).select_related(
        "organisation"
    )
    assert active.count() == 2
    for registration in active:
        codes = {c.code for c in registration.categories.all()}
        assert _documented_sharing(section, registration.organisation.name) == codes


@override_settings(DEBUG=True)
def test_the_demo_partners_see_the_interventions_the_readme_names() -> None:
    call_command("demo")
    noord = User.objects.get(username="projectleider-noord")
    school = User.objects.get(username="aandachtsfunctionaris")
    seen = {
        user.username: {
            item.intervention.name
            for item in policy.visible(user, CaseIntervention).select_related("intervention")
        }
        for user in (noord, school)
    }
    assert "Mentortraject" in seen["projectleider-noord"]
    assert len(seen["projectleider-noord"]) == 2
    assert len(seen["aandachtsfunctionaris"]) == 1
    own = CaseIntervention.objects.get(executor__name="Scholengroep Het IJ (fictief)")
    assert seen["aandachtsfunctionaris"] == {own.intervention.name}
