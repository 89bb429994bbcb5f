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
