"""The status vocabulary: which plan-format category each status wording in councils' reports
means, and how sure eqtrack is of it.

A status is read in this order, first match wins:

1. a wording the organisation chose a category for on an earlier import (`importing.models.
   StatusWording`, applied by `parsing`, not here);
2. a known wording, exactly (after `wording_normalise`): the `VOCABULARY` table below, with the
   wordings that take a name after them ("merged into …") matched by their opening words;
   a label before it ("Status: Green", "RAG: R") and a percentage done ("75% complete",
   "50% - in progress") are known forms too;
3. a near word: the status opens with a known wording and then says more ("Amber – some delays
   due to staffing"), or opens like one of the sample reports' phrases ("Ongoing – to pick up
   in new action plan"), or has a telling word in it ("work has slipped"). This is a guess,
   and the import summary names it so an officer checks it;
4. otherwise no category: the status is kept as written and the summary lists it, and the web
   import's check page asks what it means.

How the categories are decided, so a council officer can defend each in front of councillors:
- complete ends an action (later rounds stop asking for it), so only wordings saying the
  commitment is done are complete; done-but-continuing wordings are ongoing.
- off track: it will not be delivered as planned (late, stopped, paused, no progress, target
  missed). at risk: it may not be (a small or qualified delay, issues identified).
- a split rating ("Red/Amber", "Amber/Green") reads as the worse of the two, so a doubt is
  never hidden from councillors.
- not started: nothing done yet, whether or not it is due.
"""

from __future__ import annotations

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

# A label before the status itself: "Status: Green", "RAG rating - Amber".
_LABEL = re.compile(
    r"^(?:overall |current |delivery |progress )?(?:rag |brag )?(?:status|rating|rag|brag)"
    r"(?: rating| status)?(?:: ?| - | )(?P<rest>.+)$"
)
# A percentage done, with or without a wording: "75%", "75% complete", "50% - in progress".
_PERCENT = re.compile(r"^(?P<value>\d{1,3}(?:\.\d+)?) ?%(?:(?: - |: |, | )?(?P<words>.+))?$")
_DONE_WORDS = {"complete", "completed", "done", "achieved", "delivered"}

# The sample reports' phrases, matched by how they open as they always were: near words.
_SAMPLE_PHRASES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(incomplete\b.*|.*cannot be carried forward.*|not carried forward.*)$"),
        "not_carried_forward",
    ),
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

# Telling words anywhere in a longer status, most specific first. A negation ("not", "no")
# stops the cheerful ones: "not yet complete" is not complete.
_NEGATION = re.compile(r"\b(not|no|never|yet to|unable|cannot|can't|won't|isn't|hasn't)\b")
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
    (re.compile(r"\bpartial+y (achieved|complete|met)\b"), "at_risk", False),
    (
        re.compile(
            r"\b(behind schedule|slipped|slippage|delayed|delays?|overdue|on hold|paused|"
            r"suspended|deferred|postponed|off track|no progress|not (been )?(achieved|met))\b"
        ),
        "off_track",
        False,
    ),
    (re.compile(r"\b(on track|on target|on schedule|on course)\b"), "on_track", True),
    (re.compile(r"\b(in progress|under ?way|ongoing|progressing)\b"), "ongoing", True),
    (re.compile(r"\b(completed?|achieved|delivered|implemented)\b"), "complete", True),
]

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


def _known(value: str) -> str | None:
    if value in _KNOWN:
        return _KNOWN[value]
    for opening, category in _OPENINGS:
        if value.startswith(opening + " "):
            return category
    return None


def _percent_category(value: float) -> str:
    # A percentage done: all of it is complete, none not started, between is under way.
    return "complete" if value >= 100 else "not_started" if value == 0 else "ongoing"


def status_read(text: str) -> StatusReading:
    """The category a status wording means by the built-in vocabulary, and how it was found."""
    value = wording_normalise(text)
    if not value:
        return StatusReading(None, "unknown")
    if (category := _known(value)) is not None:
        return StatusReading(category, "known")
    if (label := _LABEL.match(value)) and (category := _known(label.group("rest"))):
        return StatusReading(category, "known")
    if percent := _PERCENT.match(value):
        words = (percent.group("words") or "").strip(_EDGES)
        amount = _percent_category(float(percent.group("value")))
        if not words or words in _DONE_WORDS:
            return StatusReading(amount, "known")
        if (category := _known(words)) is not None:
            # The words say more than the figure ("40% - delayed"), unless they agree.
            return StatusReading(category, "known")
        return StatusReading(amount, "near")
    for wording, category in _LEADING:
        if len(value) > len(wording) and value.startswith(wording):
            rest = value[len(wording) :]
            if rest[0] in "/:;,(." or rest.startswith((" - ", " (")):
                return StatusReading(category, "near")
    for pattern, category in _SAMPLE_PHRASES:
        if pattern.match(value):
            return StatusReading(category, "near")
    if len(value) <= STATUS_MAX_LENGTH:
        negated = bool(_NEGATION.search(value))
        for pattern, category, stopped_by_negation in _KEYWORDS:
            if pattern.search(value) and not (negated and stopped_by_negation):
                return StatusReading(category, "word")
    return StatusReading(None, "unknown")


def status_category(text: str) -> str | None:
    """The plan-format status category a status wording means, or None if it is not known."""
    return status_read(text).category


def is_status_wording(text: str) -> bool:
    """Whether a short paragraph reads as a status by its wording or how it opens, not merely
    by a word somewhere in it: for readers telling a status from a paragraph of progress."""
    return status_read(text).how in ("known", "near")
