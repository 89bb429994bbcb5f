"""The floors of ``regie bench run``: hand-written SQL, run on a plain cursor right after each
page request, that fetches the rows the page shows (same user, same case, same search term).
The open phases are written as a literal list, as the ORM writes them."""

from __future__ import annotations

FLOOR_CASELOAD = [
    """SELECT c.id, c.number, c.phase, c.phase_since, c.next_review_on,
              p.first_name, p.last_name, a.name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation a ON a.id = c.area_id
       WHERE c.regisseur_id = %(user)s
         AND c.phase IN ('aanmelding', 'instroom', 'regie', 'nazorg')
       ORDER BY COALESCE(c.next_review_on, DATE '9999-12-31'), c.id
       LIMIT 26"""
]
FLOOR_OVERVIEW = [
    # Both count tables (per regisseur and per district) come out of one pass.
    """SELECT c.regisseur_id, c.area_id, c.phase, count(*) FROM cases_case c
       WHERE c.phase IN ('aanmelding', 'instroom', 'regie', 'nazorg')
       GROUP BY c.regisseur_id, c.area_id, c.phase""",
    """SELECT c.id, c.number, c.phase, c.phase_since, c.next_review_on,
              p.first_name, p.last_name, a.name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation a ON a.id = c.area_id
       WHERE c.regisseur_id IS NULL
         AND c.phase IN ('aanmelding', 'instroom', 'regie', 'nazorg')
       ORDER BY c.number, c.id
       LIMIT 26""",
]
FLOOR_CASE = [
    """SELECT c.*, p.first_name, p.last_name, p.date_of_birth, p.bsn, pa.name, t.name,
              a.name, u.first_name, u.last_name, r.name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation pa ON pa.id = p.area_id
       JOIN cases_theme t ON t.id = c.theme_id
       JOIN organisations_organisation a ON a.id = c.area_id
       LEFT JOIN accounts_user u ON u.id = c.regisseur_id
       LEFT JOIN cases_closingreason r ON r.id = c.closing_reason_id
       WHERE c.number = %(number)s""",
    """SELECT e.*, u.first_name, u.last_name FROM cases_timelineevent e
       LEFT JOIN accounts_user u ON u.id = e.actor_id
       WHERE e.case_id = %(case)s ORDER BY e.at DESC, e.id DESC LIMIT 26""",
    """SELECT j.*, u.first_name, u.last_name, k.name FROM cases_journalentry j
       JOIN accounts_user u ON u.id = j.author_id
       JOIN cases_journalcategory k ON k.id = j.category_id
       WHERE j.case_id = %(case)s ORDER BY j.occurred_on DESC, j.id DESC LIMIT 26""",
    """SELECT t.*, u.first_name, u.last_name FROM cases_task t
       JOIN accounts_user u ON u.id = t.assignee_id
       WHERE t.case_id = %(case)s ORDER BY t.done_on, t.due_on, t.id""",
    """SELECT z.id, z.assessed_on, z.note, u.first_name, u.last_name, d.name, s.score
       FROM cases_zrmassessment z
       JOIN accounts_user u ON u.id = z.assessor_id
       LEFT JOIN cases_zrmscore s ON s.assessment_id = z.id
       LEFT JOIN cases_lifedomain d ON d.id = s.domain_id
       WHERE z.case_id = %(case)s ORDER BY z.assessed_on, z.id, d."order" """,
]
_SEARCH = """SELECT c.id, c.number, c.phase, c.phase_since, c.next_review_on,
              p.first_name, p.last_name, a.name, ru.first_name, ru.last_name,
              ARRAY(SELECT f.name FROM cases_case_flags cf
                    JOIN cases_flagtype f ON f.id = cf.flagtype_id
                    WHERE cf.case_id = c.id ORDER BY f.name) AS flags
       FROM cases_case c
       JOIN cases_person p ON p.id = c.person_id
       JOIN organisations_organisation a ON a.id = c.area_id
       LEFT JOIN accounts_user ru ON ru.id = c.regisseur_id
       WHERE {where}
       ORDER BY p.last_name, p.first_name, c.id
       LIMIT 50"""


def floor_search(parts: int) -> list[str]:
    """One ``LIKE '%part%'`` per word, as the search does (served by the trigram index)."""
    where = " AND ".join(f"p.search_name LIKE %(like{i})s" for i in range(parts))
    return [_SEARCH.format(where=where)]


def like(part: str) -> str:
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


FLOOR_MEETING = [
    """SELECT m.*, s.name, s.team_id, ch.first_name, ch.last_name, mt.first_name, mt.last_name
       FROM meetings_meeting m
       JOIN meetings_meetingseries s ON s.id = m.series_id
       LEFT JOIN accounts_user ch ON ch.id = m.chair_id
       LEFT JOIN accounts_user mt ON mt.id = m.minute_taker_id
       WHERE m.id = %(meeting)s""",
    """SELECT a.*, u.first_name, u.last_name FROM meetings_attendee a
       LEFT JOIN accounts_user u ON u.id = a.user_id
       WHERE a.meeting_id = %(meeting)s ORDER BY a.position, a.id""",
    """SELECT i.*, p.id, p.position, p.heading, p.text, sp.name, su.first_name, su.last_name
       FROM meetings_agendaitem i
       LEFT JOIN meetings_minutepoint p ON p.item_id = i.id
       LEFT JOIN meetings_attendee sp ON sp.id = p.speaker_id
       LEFT JOIN accounts_user su ON su.id = sp.user_id
       WHERE i.meeting_id = %(meeting)s ORDER BY i.position, i.id, p.position, p.id""",
    """SELECT d.* FROM meetings_decision d
       JOIN meetings_agendaitem i ON i.id = d.item_id
       WHERE i.meeting_id = %(meeting)s ORDER BY d.position, d.id""",
    # The action list: actions of the series with their sub-actions and owners (the page keeps
    # those still open or done since the previous meeting; the bench meeting has none).
    """SELECT a.*, sa.*, o.name, u.first_name, u.last_name FROM meetings_action a
       JOIN meetings_subaction sa ON sa.action_id = a.id
       LEFT JOIN meetings_actionowner o ON o.subaction_id = sa.id
       LEFT JOIN accounts_user u ON u.id = o.user_id
       WHERE a.series_id = %(series)s AND sa.status = 'open'
       ORDER BY a.raised_on, a.id, sa.position, sa.id""",
    # The previous and the next meeting of the series, for the page's links.
    """(SELECT id, date FROM meetings_meeting WHERE series_id = %(series)s
          AND id <> %(meeting)s ORDER BY date DESC, id DESC LIMIT 1)
       UNION ALL
       (SELECT id, date FROM meetings_meeting WHERE series_id = %(series)s
          AND id <> %(meeting)s ORDER BY date, id LIMIT 1)""",
]
