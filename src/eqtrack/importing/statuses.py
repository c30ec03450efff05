"""The status vocabulary: which plan-format category each status wording in councils' reports
means, and how sure eqtrack is of it.

A status is read in this order, first match wins:

1. a wording the organisation chose a category for on an earlier import (`importing.models.
   StatusWording`, applied by `parsing`, not here);
2. a known wording, exactly (after `wording_normalise`): the `VOCABULARY` table below, with the
   wordings that take a name after them ("merged into …") matched by their opening words;
   a label before it ("Status: Green", "R/A/G: Amber"), a percentage done ("75% complete",
   "50% - in progress") and two known wordings together ("Ongoing - at risk", "Complete
   (ongoing)", "Green/Blue") are known forms too;
3. a near word: the status opens with a known wording and then says more ("Amber – some delays
   due to staffing"), or opens like one of the sample reports' phrases ("Ongoing – to pick up
   in new action plan"), or has a telling word in it ("work has slipped"). This is a guess,
   and the import summary names it so an officer checks it;
4. otherwise no category: the status is kept as written and the summary lists it, and the web
   import's check page asks what it means.

How the categories are decided, so a council officer can defend each in front of councillors:
- complete ends an action (later rounds stop asking for it), so only wordings saying the
  commitment is done are complete; done-but-continuing wordings are ongoing. Complete is never
  guessed from a word inside a sentence, nor from a near wording with a qualifier ("part",
  "nearly", "due to", "will", "expected" …): those are left for the check page to ask.
- done in part ("partially complete", "achieved in part") is at risk: it is the amber row of
  councils' achieved / partially achieved / not achieved keys. Nearly done ("almost
  complete", "substantially complete") is ongoing: under way, with no delay reported.
- a status saying when it will be done ("due to complete March 2025", "will be implemented
  in 2025") has no category: it does not say whether work has started or is on time.
- off track: it will not be delivered as planned (late, stopped, paused, no progress, target
  missed). at risk: it may not be (a small or qualified delay, issues identified). A negated
  delay ("no slippage", "not delayed") is on track.
- a split rating ("Red/Amber", "Ongoing - at risk") reads as the worse of the two (the one
  claiming less about the action: off track, at risk, not started, on track, ongoing,
  complete), so a doubt is never hidden from councillors. Halves that disagree about whether
  the action is done ("Complete - delayed"), or that name different dispositions
  ("Superseded - cancelled"), have no category: the check page asks.
- not started: nothing done yet, whether or not it is due.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

# The plan format's categories in the words the summary uses (plans.models.StatusCategory's
# labels, lower case; a test keeps the two alike).
CATEGORY_WORDS: dict[str, str] = {
    "complete": "complete",
    "on_track": "on track",
    "at_risk": "at risk",
    "off_track": "off track",
    "not_started": "not started",
    "ongoing": "ongoing",
    "not_carried_forward": "not carried forward",
    "watching_brief": "watching brief",
    "superseded": "superseded",
}

# (wording, category). Wordings are as `wording_normalise` leaves them: lower case, single
# spaces, " - " for a dash, "/" without spaces, no closing full stop. A wording ending " …"
# is followed by a name ("merged into the workforce strategy"). Comments give the reason for
# a choice that is not plain from the words.
VOCABULARY: list[tuple[str, str]] = [
    # Complete: the commitment is done.
    ("complete", "complete"),
    ("completed", "complete"),
    ("achieved", "complete"),
    ("fully achieved", "complete"),
    ("delivered", "complete"),
    ("done", "complete"),
    ("finished", "complete"),
    ("implemented", "complete"),
    ("met", "complete"),
    ("target met", "complete"),
    ("target achieved", "complete"),
    ("closed", "complete"),  # action logs close an action when it is done
    ("action closed", "complete"),
    ("yes", "complete"),  # the answer in a "Done?" or "Complete?" column
    ("✓", "complete"),
    ("✔", "complete"),
    ("☑", "complete"),
    ("√", "complete"),
    ("✅", "complete"),
    ("🔵", "complete"),  # the BRAG key's blue as an emoji
    ("blue", "complete"),  # BRAG keys use blue for complete
    ("b", "complete"),
    ("complete/on schedule to deliver", "complete"),  # the 2022 sample report's key
    # Done but continuing: ongoing, since complete would end the action and stop later
    # rounds asking about work the council says still goes on.
    ("complete - ongoing", "ongoing"),
    ("completed - ongoing", "ongoing"),
    ("complete and ongoing", "ongoing"),
    ("achieved and ongoing", "ongoing"),
    ("achieved - ongoing", "ongoing"),
    ("complete and embedded", "ongoing"),
    ("embedded", "ongoing"),  # now part of how services work, so it continues
    ("business as usual", "ongoing"),  # mainstreamed into normal work, which continues
    ("bau", "ongoing"),
    ("mainstreamed", "ongoing"),
    # Nearly done: under way with no delay reported, and not yet complete.
    ("nearly complete", "ongoing"),
    ("nearly completed", "ongoing"),
    ("almost complete", "ongoing"),
    ("almost completed", "ongoing"),
    ("largely complete", "ongoing"),
    ("largely completed", "ongoing"),
    ("mostly complete", "ongoing"),
    ("mostly completed", "ongoing"),
    ("substantially complete", "ongoing"),
    ("substantially completed", "ongoing"),
    ("not on hold", "ongoing"),  # work goes on; nothing said of its schedule
    # On track.
    ("on track", "on_track"),
    ("on schedule", "on_track"),
    ("on target", "on_track"),
    ("on course", "on_track"),
    ("on time", "on_track"),
    ("progressing well", "on_track"),
    ("progressing as planned", "on_track"),
    ("good progress", "on_track"),
    ("under control", "on_track"),  # "no issues" in performance keys
    ("no issues", "on_track"),
    ("no slippage", "on_track"),  # a negated delay says it is on schedule
    ("no delay", "on_track"),
    ("no delays", "on_track"),
    ("no delays expected", "on_track"),
    ("not delayed", "on_track"),
    ("green", "on_track"),
    ("g", "on_track"),
    ("🟢", "on_track"),  # RAG ratings typed as coloured-circle emoji
    # Ongoing: under way, no judgement of schedule given.
    ("ongoing", "ongoing"),
    ("on going", "ongoing"),
    ("in progress", "ongoing"),
    ("work in progress", "ongoing"),
    ("started", "ongoing"),  # begun and not finished, so under way
    ("underway", "ongoing"),
    ("under way", "ongoing"),
    ("progressing", "ongoing"),
    ("continuing", "ongoing"),
    ("continuous", "ongoing"),
    ("ongoing/remain included in action plan", "ongoing"),  # the 2022 sample report's key
    # At risk: it may not be delivered as planned.
    ("at risk", "at_risk"),
    ("at risk of slipping", "at_risk"),
    ("at risk of delay", "at_risk"),
    ("some slippage", "at_risk"),  # qualified: a small delay, still recoverable
    ("minor slippage", "at_risk"),
    ("slight slippage", "at_risk"),
    ("minor delay", "at_risk"),
    ("slight delay", "at_risk"),
    ("some delays", "at_risk"),
    ("some delay", "at_risk"),
    ("partially achieved", "at_risk"),  # short of the commitment: amber in councils' keys
    ("partially complete", "at_risk"),
    ("partly achieved", "at_risk"),
    ("part achieved", "at_risk"),
    ("partially completed", "at_risk"),
    ("partly complete", "at_risk"),
    ("partly completed", "at_risk"),
    ("part complete", "at_risk"),
    ("part completed", "at_risk"),
    ("partially met", "at_risk"),
    ("partly met", "at_risk"),
    ("partially delivered", "at_risk"),
    ("partly delivered", "at_risk"),
    ("achieved in part", "at_risk"),
    ("completed in part", "at_risk"),
    ("complete in part", "at_risk"),
    ("delivered in part", "at_risk"),
    ("met in part", "at_risk"),
    ("partly", "at_risk"),  # the answer in a "Done?" column: done in part
    ("partially", "at_risk"),
    ("in part", "at_risk"),
    ("under review", "at_risk"),  # the action is being reconsidered, not delivered as planned
    ("issues identified", "at_risk"),
    ("amber", "at_risk"),
    ("a", "at_risk"),
    ("🟠", "at_risk"),
    ("🟡", "at_risk"),  # a yellow circle stands for amber: there is no amber emoji
    ("amber/green", "at_risk"),  # a split rating: the worse of the two
    ("green/amber", "at_risk"),
    ("a/g", "at_risk"),
    ("g/a", "at_risk"),
    # Off track: it will not be delivered as planned.
    ("off track", "off_track"),
    ("delayed", "off_track"),
    ("behind schedule", "off_track"),  # already late
    ("behind", "off_track"),
    ("slipped", "off_track"),  # its date has passed or been moved
    ("significant delay", "off_track"),
    ("significant slippage", "off_track"),
    ("major delay", "off_track"),
    ("overdue", "off_track"),
    ("paused", "off_track"),  # nothing is delivered while paused, so not as planned
    ("on hold", "off_track"),  # the same as paused
    ("suspended", "off_track"),  # the same as paused
    ("deferred", "off_track"),  # put back past its planned date, even if by agreement
    ("postponed", "off_track"),
    ("rescheduled", "off_track"),  # a new date: the planned one was missed
    ("no progress", "off_track"),
    ("not achieved", "off_track"),
    ("target not met", "off_track"),
    ("not met", "off_track"),
    ("not on track", "off_track"),
    ("red", "off_track"),
    ("r", "off_track"),
    ("🔴", "off_track"),
    ("red/amber", "off_track"),  # a split rating: the worse of the two
    ("amber/red", "off_track"),
    ("r/a", "off_track"),
    ("a/r", "off_track"),
    # Not started: nothing done yet, due or not.
    ("not started", "not_started"),
    ("not yet started", "not_started"),
    ("yet to start", "not_started"),
    ("not due to start", "not_started"),
    ("not yet due", "not_started"),  # its start date has not come, so nothing is done yet
    ("not yet due to start", "not_started"),
    ("not due", "not_started"),
    ("due to start", "not_started"),
    ("planned", "not_started"),
    ("pending", "not_started"),  # waits on another action or a decision before it starts
    # Not carried forward: stopped, with nothing replacing it.
    ("not carried forward", "not_carried_forward"),
    ("incomplete/cannot be carried forward", "not_carried_forward"),  # the 2022 sample's key
    ("cancelled", "not_carried_forward"),
    ("canceled", "not_carried_forward"),
    ("removed", "not_carried_forward"),
    ("withdrawn", "not_carried_forward"),
    ("deleted", "not_carried_forward"),
    ("stopped", "not_carried_forward"),
    ("discontinued", "not_carried_forward"),
    ("no longer required", "not_carried_forward"),  # stopped, and nothing replaces it
    ("no longer needed", "not_carried_forward"),
    ("no longer relevant", "not_carried_forward"),
    ("not required", "not_carried_forward"),
    # Watching brief: kept in view; nothing to deliver unless something changes.
    ("watching brief", "watching_brief"),
    ("a watching brief", "watching_brief"),
    ("monitoring", "watching_brief"),  # watched, not delivered
    ("monitor", "watching_brief"),
    ("keep under review", "watching_brief"),
    ("kept under review", "watching_brief"),
    # Superseded: replaced by another action or programme.
    ("superseded", "superseded"),
    ("replaced", "superseded"),
    ("superseded by …", "superseded"),
    ("replaced by …", "superseded"),
    ("merged", "superseded"),
    ("merged into …", "superseded"),
    ("merged with …", "superseded"),
    ("combined with …", "superseded"),
    ("incorporated into …", "superseded"),
    ("transferred to …", "superseded"),  # another plan or programme now carries it
    ("moved to …", "superseded"),
]

_KNOWN: dict[str, str] = {w: c for w, c in VOCABULARY if not w.endswith(" …")}
_OPENINGS: list[tuple[str, str]] = sorted(
    ((w.removesuffix(" …"), c) for w, c in VOCABULARY if w.endswith(" …")),
    key=lambda wc: -len(wc[0]),
)
# Known wordings that may open a longer status, longest first ("on track" before "on").
_LEADING: list[tuple[str, str]] = sorted(_KNOWN.items(), key=lambda wc: -len(wc[0]))
# Openings too weak to say what a longer status means: a one-letter RAG rating and "yes"
# open ordinary sentences ("A pilot scheme ran…", "Yes, the survey was repeated").
_WEAK_OPENINGS = {"yes"}

# A label before the status itself: "Status: Green", "RAG rating - Amber", "R/A/G: Green".
_LABEL = re.compile(
    r"^(?:overall |current |delivery |progress )?(?:rag |brag )?"
    r"(?:status|rating|rag|brag|r/a/g|b/r/a/g)"
    r"(?: rating| status)?(?:: ?| - | )(?P<rest>.+)$"
)
# A percentage done, with or without a wording: "75%", "75% complete", "50% - in progress".
_PERCENT = re.compile(r"^(?P<value>\d{1,3}(?:\.\d+)?) ?%(?:(?: - |: |, | )?(?P<words>.+))?$")
_DONE_WORDS = {"complete", "completed", "done", "achieved", "delivered"}
# How a second wording follows the first: "Complete - ongoing", "Green/Blue", "Ongoing: at
# risk", "Complete (ongoing)".
_SEPARATOR = re.compile(r"^(?: - |/|: |; |, | \()")
# A qualifier after a done word: in part is at risk, nearly done is ongoing (see above).
_PARTLY = {"partly", "partially", "in part", "part"}
_NEARLY = {"nearly", "almost", "largely", "mostly", "substantially"}
# Words that stop a guess of complete: done in part, nearly, or not yet (a future date).
_QUALIFIER = re.compile(
    r"\b(part|partly|partial|partially|nearly|almost|largely|mostly|substantially|due to|to be|"
    r"will|expected|expect|expects|planned to|scheduled to|not|yet|incomplete)\b"
)
# From the split rating's worse half to its better: the one claiming less about the action.
_RANK = ["off_track", "at_risk", "not_started", "on_track", "ongoing", "complete"]

# The sample reports' phrases, matched by how they open as they always were: near words.
_SAMPLE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    # Only what says so: "Incomplete" alone is not "cannot be carried forward" (the 2022
    # sample's "Incomplete/cannot be carried forward" is in the table, exactly).
    (re.compile(r"^not carried forward\b.*$"), "not_carried_forward"),
    (re.compile(r"^complete(d)?\b.*$"), "complete"),
    (re.compile(r"^a watching brief\b.*$"), "watching_brief"),
    (
        re.compile(
            r"^(superseded\b.*|replaced by\b.*|to be picked (up )?(in )?(the )?new action plan "
            r"as (an )?action relating to\b.*)$"
        ),
        "superseded",
    ),
    (re.compile(r"^ongoing\b.*$"), "ongoing"),
    (re.compile(r"^to continue to monitor\b.*$"), "ongoing"),
    (
        re.compile(
            r"^(focus on .*|to be picked .*|.*)\b(included|carried) (forward )?in(to)? (the )?"
            r"new action plan\b.*$"
        ),
        "ongoing",
    ),
    (re.compile(r"^to be picked (up )?(in )?(the )?new action plan\b.*$"), "ongoing"),
    (re.compile(r"^not started\b.*$"), "not_started"),
    (re.compile(r"^(on track|on schedule|on target)\b.*$"), "on_track"),
    (re.compile(r"^at risk\b.*$"), "at_risk"),
    (re.compile(r"^(off track|delayed)\b.*$"), "off_track"),
]

# A delay or a pause denied: "no slippage", "not delayed", "progressing with no delays" say
# it is on schedule; "not on hold" that work goes on.
_NEGATED_DELAY = re.compile(
    r"\b(?:no|not|nor|without)(?: any| significant| major| further| yet| currently)? "
    r"(?:slippage|slipped|delays?|delayed|behind(?: schedule)?|late|overdue|at risk|"
    r"issues|problems|concerns)\b"
)
_NEGATED_PAUSE = re.compile(r"\bnot (?:currently )?(?:on hold|paused|suspended)\b")
# A negation stops the cheerful telling words: "not yet started" is not under way.
_NEGATION = re.compile(r"\b(not|no|never|yet to|unable|cannot|can't|won't|isn't|hasn't)\b")
# Telling words anywhere in a longer status, most specific first. Never complete: a done word
# in a sentence ("training now being delivered") does not say the commitment is done.
_KEYWORDS: list[tuple[re.Pattern[str], str, bool]] = [
    # (pattern, category, whether a negation in the text stops it)
    (re.compile(r"\b(not (yet )?started|yet to start|not (yet )?due)\b"), "not_started", False),
    (
        re.compile(r"\b(no longer (required|needed|relevant)|cancel+ed|withdrawn)\b"),
        "not_carried_forward",
        False,
    ),
    (
        re.compile(r"\b(superseded|replaced by|merged (into|with)|incorporated into)\b"),
        "superseded",
        False,
    ),
    (re.compile(r"\b(watching brief|kept? under review|monitoring)\b"), "watching_brief", False),
    (
        re.compile(r"\b(some|minor|slight) (slippage|delays?)\b|\b(at risk|under review)\b"),
        "at_risk",
        False,
    ),
    (re.compile(r"\b(partial+y|partly|in part)\b"), "at_risk", False),
    (
        re.compile(
            r"\b(behind schedule|slipped|slippage|delayed|delays?|overdue|on hold|paused|"
            r"suspended|deferred|postponed|off track|not on track|no progress|"
            r"not (been )?(achieved|met))\b"
        ),
        "off_track",
        False,
    ),
    (re.compile(r"\b(on track|on target|on schedule|on course)\b"), "on_track", True),
    (re.compile(r"\b(in progress|under ?way|ongoing|progressing)\b"), "ongoing", True),
]
_BAD_NEWS = {"at_risk", "off_track"}

# A status is a short disposition phrase; longer paragraphs are progress.
STATUS_MAX_LENGTH = 140


@dataclass(frozen=True)
class StatusReading:
    """What eqtrack made of one status wording."""

    category: str | None
    # "known": a wording or form in the vocabulary; "near": it opens like one (a guess);
    # "word": a telling word inside it (a guess); "unknown": no category.
    how: str

    @property
    def guessed(self) -> bool:
        return self.how in ("near", "word")


@dataclass(frozen=True)
class ChosenWording:
    """A category an organisation chose for one wording, applied before the vocabulary."""

    category: str
    chosen_on: date | None = None  # None: chosen on this import's check page


_DASH = re.compile(r"\s*[–—]\s*|\s+-\s*|\s*-\s+")
_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_SLASH = re.compile(r"\s*/\s*")
_EDGES = " .,;:!?-–—*"


def wording_normalise(text: str) -> str:
    """A status wording as the vocabulary and remembered choices key it: lower case, spaces
    single, dashes as " - ", "on-track" as "on track", no punctuation at either end."""
    # An emoji's presentation selector ("✔️" is "✔" and U+FE0F) says how to draw it, not
    # what it means.
    value = " ".join(text.replace("\u00a0", " ").replace("\ufe0f", "").split()).casefold()
    value = _INNER_HYPHEN.sub(" ", value)
    value = _DASH.sub(" - ", value)
    value = _SLASH.sub("/", value)
    return value.strip(_EDGES)


def wording_problem(wording: str) -> str | None:
    """Why a wording cannot be given a category and remembered, in words for the person who
    chose it, or None: it must have words in it and be no longer than a status. A longer one
    is a paragraph of progress, which the check page never offers."""
    key = wording_normalise(wording)
    if not key:
        return "has no words in it"
    if len(key) > STATUS_MAX_LENGTH:
        return f"is longer than a status ({STATUS_MAX_LENGTH} characters)"
    return None


def _known(value: str) -> str | None:
    """A wording in the table, or one of its openings followed by a name (not a sentence:
    "Moved to online training, which staff preferred" is progress, not a status)."""
    if value in _KNOWN:
        return _KNOWN[value]
    for opening, category in _OPENINGS:
        if value.startswith(opening + " ") and not re.search(r"[,;:]|\. ", value):
            return category
    return None


def _percent_category(value: float) -> str:
    # A percentage done: all of it is complete, none not started, between is under way.
    return "complete" if value >= 100 else "not_started" if value == 0 else "ongoing"


def _worse(first: str, second: str) -> str | None:
    """Two halves of one status as one category: the worse of two ratings; a done word with
    one that says it is not done, or two different dispositions, as none (ask)."""
    if first == second:
        return first
    if first not in _RANK or second not in _RANK:
        return None
    pair = {first, second}
    if "complete" in pair and pair & {"off_track", "at_risk", "not_started"}:
        return None
    return min(pair, key=_RANK.index)


# A status two halves disagree about: no category, and no guess from either half.
_DISPUTED = "disputed"


def _certain(value: str) -> str | None:
    """The category of a wording eqtrack knows for certain: in the table, after a label, a
    percentage, or two known wordings together ("Ongoing - at risk", "Complete (ongoing)").
    `_DISPUTED` when the two disagree."""
    if (category := _known(value)) is not None:
        return category
    if (label := _LABEL.match(value)) and (category := _certain(label.group("rest"))):
        return category
    if percent := _PERCENT.match(value):
        words = (percent.group("words") or "").strip(_EDGES)
        amount = _percent_category(float(percent.group("value")))
        if not words or words in _DONE_WORDS:
            return amount
        # The words say more than the figure ("40% - delayed"), unless they agree.
        return _known(words)
    for wording, category in _LEADING:
        if len(wording) < 2 or not value.startswith(wording):
            continue
        separator = _SEPARATOR.match(value[len(wording) :])
        if separator is None:
            continue
        rest = value[len(wording) + len(separator.group()) :]
        if separator.group() == " (":
            if not rest.endswith(")"):
                continue
            rest = rest[:-1]
        rest = rest.strip(_EDGES + "()")
        if category == "complete" and rest in _PARTLY:
            return "at_risk"  # "Yes - partly": done in part
        if category == "complete" and rest in _NEARLY:
            return "ongoing"
        second = _certain(rest) if len(rest) > 1 else None
        if second == _DISPUTED:
            return _DISPUTED
        if second is not None:
            return _worse(category, second) or _DISPUTED
    return None


def _telling(value: str) -> str | None:
    """The category a telling word inside a longer status suggests, or None."""
    denied_delay = bool(_NEGATED_DELAY.search(value))
    denied_pause = bool(_NEGATED_PAUSE.search(value))
    rest = _NEGATED_PAUSE.sub(" ", _NEGATED_DELAY.sub(" ", value))
    negated = bool(_NEGATION.search(rest))
    for pattern, category, stopped_by_negation in _KEYWORDS:
        if category == "on_track" and denied_delay:
            return "on_track"  # a denied delay outranks "progressing", "ongoing"
        if category == "on_track" and denied_pause:
            return "ongoing"
        if pattern.search(rest) and not (negated and stopped_by_negation):
            return category
    return None


def _near(value: str) -> str | None:
    """The category of a status that opens like a known wording and says more, or like one
    of the sample reports' phrases: a guess. `_DISPUTED` when what it says more disagrees."""
    opening = None
    for wording, category in _LEADING:
        if len(wording) < 2 or wording in _WEAK_OPENINGS or len(value) <= len(wording):
            continue
        rest = value[len(wording) :]
        if value.startswith(wording) and (rest[0] in "/:;,(." or rest.startswith(" - ")):
            opening = category
            break
    if opening is None:
        opening = next((c for pattern, c in _SAMPLE_PHRASES if pattern.match(value)), None)
    if opening is None:
        return None
    # Bad news later in it is not hidden by a cheerful opening ("Green - but some delays").
    if (said := _telling(value)) in _BAD_NEWS and said != opening:
        opening = _worse(opening, said) or _DISPUTED
    if opening == "complete" and _QUALIFIER.search(value):
        return _DISPUTED  # "Completed in part of the borough", "Complete - due to sign off"
    return opening


@functools.lru_cache(maxsize=4096)
def status_read(text: str) -> StatusReading:
    """The category a status wording means by the built-in vocabulary, and how it was found.
    Kept for repeats: a report says "On track" many times, and each status is read by the
    reader, by is_status_line and again after reading."""
    value = wording_normalise(text)
    if not value:
        return StatusReading(None, "unknown")
    # A wording eqtrack knows, else one it is near; either may be disputed (halves that disagree).
    for how, read in (("known", _certain), ("near", _near)):
        if (category := read(value)) == _DISPUTED:
            return StatusReading(None, "unknown")
        if category is not None:
            return StatusReading(category, how)
    if (percent := _PERCENT.match(value)) and not _QUALIFIER.search(value):
        # A percentage with words eqtrack does not know: the figure, as a guess.
        return StatusReading(_percent_category(float(percent.group("value"))), "near")
    if len(value) <= STATUS_MAX_LENGTH and (category := _telling(value)) is not None:
        return StatusReading(category, "word")
    return StatusReading(None, "unknown")


def status_category(text: str) -> str | None:
    """The plan-format status category a status wording means, or None if it is not known."""
    return status_read(text).category


def is_status_wording(text: str) -> bool:
    """Whether a short paragraph reads as a status rather than as a paragraph of progress:
    a known wording or form, or one of the sample reports' phrases. Never merely by how it
    opens ("Delivered, with 40 staff attending…", "Yes, the survey was repeated", "A (pilot)
    scheme…" are progress) nor by a word somewhere in it."""
    reading = status_read(text)
    if reading.how == "known":
        return True
    value = wording_normalise(text)
    return reading.category is not None and any(p.match(value) for p, _ in _SAMPLE_PHRASES)
