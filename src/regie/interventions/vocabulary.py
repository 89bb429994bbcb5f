"""The interventions app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action, rename


class Interventions(Action):
    CASE = "interventions.case"
    CASE_ADD = "interventions.case.add"
    CASE_PARTNER_UPDATE = "interventions.case.partner_update"
    CASE_UPDATE = "interventions.case.update"
    CATALOGUE = "interventions.catalogue"
    CHANGE_ACCEPT = "interventions.change.accept"
    CHANGE_PROPOSE = "interventions.change.propose"
    CHANGE_REJECT = "interventions.change.reject"
    CHANGES = "interventions.changes"
    REVIEW = "interventions.review"
    VERSION_PUBLISH = "interventions.version.publish"


# The policy's names until the policy and the audit log shared one vocabulary (issue 12.2):
# refusals and reads written before still carry them.
rename("interventions.partner_update", Interventions.CASE_PARTNER_UPDATE)
rename("interventions.propose", Interventions.CHANGE_PROPOSE)
rename("interventions.publish", Interventions.VERSION_PUBLISH)
