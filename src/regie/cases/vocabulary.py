"""The cases app's action names: its policy rules and its audit events (see
``regie.core.vocabulary``)."""

from __future__ import annotations

from regie.core.vocabulary import Action, rename


class Cases(Action):
    CASE_ASSIGN = "cases.case.assign"
    CASE_CREATE = "cases.case.create"
    CASE_FLAGS = "cases.case.flags"
    CASE_INTAKE = "cases.case.intake"
    CASE_TRANSITION = "cases.case.transition"
    CASE_UPDATE = "cases.case.update"
    CASELOAD = "cases.caseload"
    DSAR = "cases.dsar"
    DSAR_EXPORT = "cases.dsar.export"
    FLAG_LIST = "cases.flag_list"
    JOURNAL_CREATE = "cases.journal.create"
    JOURNAL_UPDATE = "cases.journal.update"
    OVERVIEW = "cases.overview"
    PERSON_DUPLICATE = "cases.person.duplicate"
    PERSON_CREATE = "cases.person.create"
    RETENTION_DELETE = "cases.retention.delete"
    SEARCH = "cases.search"
    TASK_COMPLETE = "cases.task.complete"
    TASK_CREATE = "cases.task.create"
    TASKS = "cases.tasks"
    VIEW = "cases.view"
    ZRM_CREATE = "cases.zrm.create"


# The policy's names until the policy and the audit log shared one vocabulary (issue 12.2):
# refusals and reads written before still carry them.
rename("cases.assign", Cases.CASE_ASSIGN)
rename("cases.create", Cases.CASE_CREATE)
rename("cases.edit", Cases.CASE_UPDATE)
rename("cases.flags", Cases.CASE_FLAGS)
rename("cases.journal.add", Cases.JOURNAL_CREATE)
rename("cases.journal.edit", Cases.JOURNAL_UPDATE)
rename("cases.task.add", Cases.TASK_CREATE)
rename("cases.transition", Cases.CASE_TRANSITION)
rename("cases.zrm.add", Cases.ZRM_CREATE)
