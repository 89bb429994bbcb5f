"""The partners app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action, rename


class Partners(Action):
    APPROVE = "partners.approve"
    CASE_VIEW = "partners.case.view"
    CASES = "partners.cases"
    DOCUMENTS = "partners.documents"
    JOURNAL_ADD = "partners.journal.add"
    REGISTRATION_APPROVE = "partners.registration.approve"
    REGISTRATION_CREATE = "partners.registration.create"
    REGISTRATION_END = "partners.registration.end"
    REGISTRATION_EXPIRE = "partners.registration.expire"
    REGISTRATION_FORM = "partners.registration.form"
    REGISTRATION_REJECT = "partners.registration.reject"
    REGISTRATION_REQUEST = "partners.registration.request"
    REGISTRATION_REQUEST_UNMATCHED = "partners.registration.request_unmatched"
    REGISTRATIONS = "partners.registrations"
    REQUEST = "partners.request"
    REQUEST_CREATE = "partners.request.create"
    REQUEST_PURGE = "partners.request.purge"


# The policy's names until the policy and the audit log shared one vocabulary (issue 12.2):
# refusals and reads written before still carry them.
rename("partners.end", Partners.REGISTRATION_END)
rename("partners.form", Partners.REGISTRATION_FORM)
rename("partners.register", Partners.REGISTRATION_CREATE)
