"""This app's audit actions as sentences (``regie.audit.sentences``). Changes to the grounds
and term lists are the administration's (``admin.woo.ground.change`` and so on)."""

from regie.audit.sentences import DENIED_CHANGE
from regie.woo.vocabulary import Woo

SENTENCES: dict[str, str] = {}

# Refusals of the rules that guard a page or a feature rather than one recorded act.
DENIED: dict[str, str] = {
    Woo.CONFIGURE: DENIED_CHANGE,
}
