"""Is a page's visible text Vietnamese? The English words an untranslated interface leaks.

The list holds words of interface English (buttons, headings, states, Django's own messages, dates)
that are not Vietnamese syllables written without marks: "in" (print), "an", "to", "do", "can",
"may", "long", "tin" are Vietnamese and are left out, as are the names of file kinds (PDF, Word,
Excel), "email" and the products in NAMES, which Vietnamese pages name as they are.
"""

import re

_WORDS = """
    the and or of by for is not all on at with your you please this that are was were will from into
    here there about
    home dashboard overview login logout sign password username account profile settings
    save submit cancel delete edit search filter reset clear close show hide more view details
    add new create update remove select choose upload download export import print help skip menu
    next previous back page first last yes none true false unknown required invalid error warning
    success loading optional field fields currently change
    date name title description total status report reports plan plans target targets task tasks
    unit units agency office staff leader observer enterprise initiative initiatives council
    feedback notification notifications calendar draft submitted approved returned rejected
    pending overdue due done today yesterday tomorrow week weeks month months year years
    day days hour hours minute minutes ago
    send sent reply answer comment comments approve confirm return
    january february march april june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
"""
ENGLISH = frozenset(_WORDS.split())
NAMES = ("Google Calendar",)  # products named as they are
WORD = re.compile(r"[^\W\d_]+")


def english_words(text: str) -> list[str]:
    """The English words of `text`, each once, in the order they first appear."""
    for name in NAMES:
        text = text.replace(name, "")
    found: dict[str, None] = {}
    for word in WORD.findall(text):
        if word.lower() in ENGLISH:
            found.setdefault(word, None)
    return list(found)


def english_on(page) -> list[str]:
    """The English words a person reads on `page` (its body's rendered text, not its markup)."""
    return english_words(page.locator("body").inner_text())
