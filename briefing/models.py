"""The data that flows through the pipeline, one pydantic model per stage boundary.

files -> ``Corpus`` (ingest) -> ``ChunkPlan`` (chunk) -> ``SummaryBatch`` (summarize)
-> ``SummaryBatch`` with located evidence (verify) -> ``Briefing`` (compose)
-> HTML / PDF / JSON (render) -> files (files) -> email (mail).

Two families live here:

* ``*Draft`` models are what the LLM writes. Their field descriptions are prompt text: they are
  sent to the model inside the JSON Schema of the response format.
* Everything else is what ``briefing`` stores and renders. The ``Briefing`` JSON is a public
  format: other tools read ``claims[].text_en``, ``evidence[].quote_ar/start/end``, ``status``
  and ``problems``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "2"
# 2: claim status "supported" (verified with context from elsewhere in the article); evidence
#    the checker added (``added_by_check``, ``in_title``) and the parts of a quote shortened with
#    an ellipsis (``parts``).


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --------------------------------------------------------------------------- ingest


class Article(Model):
    """One news article, its text kept exactly as read so that offsets index into it."""

    id: str = Field(description="First 16 hex digits of the SHA-256 of `text` (UTF-8).")
    text: str = Field(description="The article body exactly as read; evidence offsets index into it.")
    origin: str = Field(description="Where it was read from: a path, or `archive.zip!member`.")
    title: str | None = None
    source: str | None = Field(default=None, description="The outlet that published it.")
    url: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_note: str | None = Field(
        default=None, description="How `published` is known, e.g. that it was inferred."
    )
    notes: list[str] = Field(default_factory=list, description="Things noticed while reading it.")

    @property
    def lede(self) -> str:
        for line in self.text.splitlines():
            if line.strip():
                return line.strip()
        return ""


class InputProblem(Model):
    """An input that could not be read (or was only partly read), for the person running it."""

    origin: str
    reason: str
    level: Literal["error", "note"] = "error"


class Corpus(Model):
    articles: list[Article]
    problems: list[InputProblem] = Field(default_factory=list)


# --------------------------------------------------------------------------- cluster


class StorySentence(Model):
    """A sentence another article of the story adds to its lead, by offsets into that article."""

    article_id: str
    start: int
    end: int


def text_id(text: str) -> str:
    """An id is the first 16 hex digits of the SHA-256 of its text: other text, other id."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Provenance(Model):
    """Where a piece of a story view's text comes from."""

    start: int = Field(description="Offset of the piece in the view's text.")
    end: int
    article_id: str = Field(description="The article the piece was taken from.")
    source_start: int = Field(description="Offset of the piece in that article's text.")


class StoryView(Article):
    """What the model reads for one story: its lead article's text, then each sentence other
    outlets add. Its ``id`` is the hash of this text, as for any article (equal to the lead's
    when nothing was added); ``story_id`` is the lead's, which its summary and claims belong to;
    ``provenance`` maps every piece of the text back to the article it came from."""

    story_id: str
    provenance: list[Provenance] = Field(default_factory=list)


class Story(Model):
    """One development as reported by one or more outlets (syndicated copies grouped)."""

    id: str = Field(description="The lead article's id.")
    lead_id: str = Field(description="The most complete article, which the model reads in full.")
    article_ids: list[str] = Field(description="Every article of the story, lead first.")
    outlets: list[str]
    extra: list[StorySentence] = Field(default_factory=list)
    length: int = Field(description="Characters the model reads for this story.")
    score: float = Field(default=0.0, description="Watchlist score.")
    watch_hits: list[str] = Field(default_factory=list, description="Watchlist topics it matches.")


class StoryPlan(Model):
    stories: list[Story]
    method: str


class OtherReport(Model):
    """A story below the cut: listed with an English headline and its outlets."""

    story_id: str
    article_ids: list[str]
    outlets: list[str]
    headline_ar: str
    headline_en: str | None = None


# --------------------------------------------------------------------------- chunk


class Chunk(Model):
    article_id: str
    index: int
    start: int = Field(description="Offset of the chunk's first character in the article text.")
    end: int
    text: str
    tokens: int = Field(description="Tokens, or an upper bound (UTF-8 bytes) when that is under the chunk limit.")


class ChunkedArticle(Model):
    article: StoryView | Article
    chunks: list[Chunk]


class ChunkPlan(Model):
    tokenizer_model: str
    max_chunk_tokens: int
    items: list[ChunkedArticle]


# --------------------------------------------------------------------------- what the model writes

Stance = Literal["asserted", "claimed", "denied", "confirmed"]
EntityKind = Literal["person", "organization", "armed_group", "government", "place", "other"]


class ClaimDraft(Model):
    text_en: str = Field(
        description=(
            "One factual statement in plain English, as the article reports it. "
            "Say who reports it when the article attributes it (e.g. 'According to PMF media, ...'). "
            "Use only facts stated in the evidence quotes; add nothing from memory."
        )
    )
    evidence: list[str] = Field(
        min_length=1,
        description=(
            "One or more Arabic quotes copied character for character from the article that "
            "support every name, number, date and place in text_en. Copy, do not paraphrase "
            "or translate. Keep each quote to the shortest span that supports the claim."
        ),
    )
    attributed_to: str = Field(
        description=(
            "Who asserts this, in English, as the article says: e.g. 'PMF media', 'military sources', "
            "'the Israeli army spokesman'. Use 'the outlet' when the article states it itself."
        )
    )
    stance: Stance = Field(
        description=(
            "How the article reports it: 'asserted' (stated as fact by the outlet), 'claimed' (a party says, "
            "announces or alleges it), 'confirmed' (a party confirms it), 'denied' (a party denies it)."
        )
    )


class EntityDraft(Model):
    name_ar: str = Field(description="The name exactly as written in the article, in Arabic.")
    name_en: str = Field(description="The usual English name or transliteration.")
    kind: EntityKind = Field(description="What sort of entity it is.")


class PlaceDraft(Model):
    name_ar: str = Field(description="The place name exactly as written in the article.")
    name_en: str = Field(description="The usual English name of the place.")


class DateDraft(Model):
    text_ar: str = Field(description="The date or time expression exactly as written, e.g. 'أمس'.")
    meaning_en: str = Field(description="What it refers to in English, e.g. 'yesterday' or '27 October 2017'.")


class FigureDraft(Model):
    number: str = Field(description="The number as digits, e.g. '10' or '35'.")
    unit: str = Field(description="Its unit, e.g. 'km', 'percent', 'people'. Empty if none.")
    counts: str = Field(description="What it counts or measures, in English.")
    quote_ar: str = Field(description="The Arabic words of the article that state the figure, copied verbatim.")


class ArticleDraft(Model):
    """A structured English summary of one Arabic news article (or one part of it)."""

    headline_en: str = Field(description="A factual English headline of at most 15 words.")
    summary_en: str = Field(description="Two to four English sentences: what happened, where, who, when.")
    claims: list[ClaimDraft] = Field(
        min_length=1,
        description="The article's main factual statements, most important first, each with Arabic evidence.",
    )
    entities: list[EntityDraft] = Field(
        default_factory=list, description="People, organizations and armed groups named in the article."
    )
    places: list[PlaceDraft] = Field(default_factory=list, description="Places named in the article.")
    dates: list[DateDraft] = Field(default_factory=list, description="Dates and time expressions as written.")
    figures: list[FigureDraft] = Field(
        default_factory=list, description="Numbers the article reports (casualties, distances, shares)."
    )


class PackedArticleDraft(Model):
    """The summary of one article of a pack, under that article's id."""

    article_id: str = Field(description="The id written in this article's markers, copied exactly.")
    summary: ArticleDraft = Field(description="The structured summary of this article alone.")


class PackDraft(Model):
    """Structured English summaries of several short Arabic news articles, one entry per article."""

    articles: list[PackedArticleDraft] = Field(
        min_length=1,
        description="One entry per article given, in the order given; each summarizes only its own article.",
    )


class MergeDraft(Model):
    """Headline and summary for a long article whose parts were summarized separately."""

    headline_en: str = Field(description="A factual English headline of at most 15 words for the whole article.")
    summary_en: str = Field(description="Two to four English sentences summarizing the whole article.")


class HeadlineDraft(Model):
    id: str = Field(description="The id given with the Arabic headline, copied exactly.")
    headline_en: str = Field(description="A faithful English translation of the Arabic headline, at most 15 words.")


class HeadlinesDraft(Model):
    """English translations of a batch of Arabic news headlines."""

    items: list[HeadlineDraft] = Field(description="One entry per headline given, in the same order.")


class BlufDraft(Model):
    text_en: str = Field(description="One English sentence for a decision-maker, stating a key development.")
    claim_ids: list[str] = Field(
        min_length=1, description="The ids of the claims (from the input) this sentence rests on."
    )


class SectionDraft(Model):
    heading: str = Field(description="A short English heading naming the development, e.g. 'Iraq: Al-Qaim offensive'.")
    summary_en: str = Field(description="One or two English sentences tying the section's articles together.")
    article_ids: list[str] = Field(min_length=1, description="Ids of the articles that belong to this section.")


class BriefingDraft(Model):
    """The editorial frame of the day's briefing, built only from the claims given."""

    title: str = Field(description="A short English title for the day's briefing, naming the main development.")
    bluf: list[BlufDraft] = Field(
        min_length=1, max_length=6, description="Bottom line up front: two to five sentences, most important first."
    )
    sections: list[SectionDraft] = Field(
        min_length=1, description="Groups of related articles; every article id appears in exactly one section."
    )


# --------------------------------------------------------------------------- what briefing stores

# verified: every detail is in the claim's own quotes. supported: verified with context, i.e. some
# detail is stated elsewhere in the same article and the checker added that sentence (or the
# title) as evidence. unverified: a detail is nowhere in the article, or a quote is not found, or
# the polarity differs. unchecked: not checked yet.
ClaimStatus = Literal["verified", "supported", "unverified", "unchecked"]


class Evidence(Model):
    quote_ar: str = Field(description="The Arabic quote as the model gave it.")
    article_id: str | None = Field(
        default=None, description="The article the span was found in, when not the claim's own (syndicated copy)."
    )
    start: int | None = Field(default=None, description="Offset of the matched span in the article text.")
    end: int | None = Field(default=None, description="End offset (exclusive) of the matched span.")
    parts: list[tuple[int, int]] = Field(
        default_factory=list,
        description="For a quote shortened with an ellipsis: the offsets of each part found; start/end cover them.",
    )
    added_by_check: bool = Field(
        default=False, description="Context the checker added: the article states a detail of the claim here."
    )
    in_title: bool = Field(default=False, description="start/end index into the article's title, not its text.")


class Claim(Model):
    id: str = Field(description="`<article id>-c<n>`, stable within a briefing.")
    article_id: str
    text_en: str
    evidence: list[Evidence]
    attributed_to: str = "the outlet"
    stance: Stance = "asserted"
    status: ClaimStatus = "unchecked"
    problems: list[str] = Field(default_factory=list)


class Entity(EntityDraft):
    registered: bool = Field(default=False, description="name_en is the registry's canonical name.")


class Place(PlaceDraft):
    pass


class DateMention(DateDraft):
    iso: str | None = Field(default=None, description="Resolved date: YYYY-MM-DD, YYYY-MM or YYYY.")
    precision: Literal["day", "week", "month", "year"] | None = None
    note: str | None = Field(default=None, description="Why it is unresolved, when it is.")


class Figure(FigureDraft):
    pass


class ArticleSummary(Model):
    article_id: str
    headline_en: str
    summary_en: str
    claims: list[Claim]
    entities: list[Entity] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    chunks: int = Field(description="How many chunks the article was summarized in.")
    story_article_ids: list[str] = Field(default_factory=list, description="All articles of the story, lead first.")
    outlets: list[str] = Field(default_factory=list, description="Distinct outlets that carried the story.")
    summary_problems: list[str] = Field(
        default_factory=list,
        description="Details of headline_en/summary_en that none of the article's verified evidence supports.",
    )


class UnregisteredName(Model):
    """A name the model reported that the transliteration registry does not know: for the analyst."""

    name_ar: str
    name_en: str
    kind: EntityKind
    article_ids: list[str]
    checked: bool = Field(
        default=False,
        description="The pair passes the cross-script check (gazetteer, meaning or transliteration of this Arabic).",
    )
    registry_entry: str = Field(default="", description="A ready-to-paste registry TOML entry, when checked.")


class FailedArticle(Model):
    article_id: str
    origin: str
    reason: str


class Usage(Model):
    """What the LLM traffic of a run cost. Every attempt counts, re-asks included."""

    calls: int = 0
    retries: int = Field(default=0, description="Of the calls, repeats of a request after a transient failure.")
    reasks: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    unpriced_calls: int = Field(default=0, description="Calls litellm could not price (unknown model).")
    cache_hits: int = Field(default=0, description="Answers served from the response cache (no request sent).")

    def add(self, other: Usage) -> Usage:
        return Usage(
            cache_hits=self.cache_hits + other.cache_hits,
            calls=self.calls + other.calls,
            retries=self.retries + other.retries,
            reasks=self.reasks + other.reasks,
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
            cost_usd=self.cost_usd + other.cost_usd,
            unpriced_calls=self.unpriced_calls + other.unpriced_calls,
        )


class SummaryBatch(Model):
    summaries: list[ArticleSummary]
    failed: list[FailedArticle] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)
    prompts: list[str] = Field(default_factory=list, description="The prompt templates its requests were made from.")


class BlufPoint(Model):
    text_en: str
    claim_ids: list[str]
    status: ClaimStatus = "unchecked"
    problems: list[str] = Field(default_factory=list)
    disputed: list[str] = Field(default_factory=list, description="Figures its claims rest on that outlets "
                                                                  "dispute, and the one to use (changes.py).")


class Section(Model):
    heading: str
    summary_en: str
    article_ids: list[str]


class Source(Model):
    article_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    published_note: str | None
    origin: str


class ReviewSummary(Model):
    """The review a published briefing went through (``briefing review``, ``briefing publish``)."""

    reviewers: list[str]
    last_decision_at: dt.datetime | None
    published_at: dt.datetime
    approved: int
    edited: int
    rejected: int
    undecided: int
    bluf_removed: int = Field(default=0, description="Bottom-line sentences rejected, or resting only on "
                                                     "rejected claims.")
    review_file: str


class Methodology(Model):
    model: str
    structured_output: str
    prompt_versions: dict[str, str] = Field(description="Prompt template name -> first 12 hex of its SHA-256.")
    calls: int
    reasks: int
    input_tokens: int
    output_tokens: int
    cost_usd: float | None = Field(description="As litellm prices the model; null when it cannot.")
    cost_note: str
    wall_s: float
    composed_by: Literal["model", "fallback"]
    compose_note: str | None = None
    claims_total: int
    claims_verified: int
    claims_unverified: int
    claims_supported: int = Field(
        default=0, description="Verified with context: a detail is stated elsewhere in the same article (schema 2)."
    )
    replayed_from: str | None = None
    cache_hits: int = 0
    budget_note: str | None = None
    review: ReviewSummary | None = Field(default=None, description="Who reviewed it and what they decided; "
                                                                   "null: not reviewed.")


class Decision(Model):
    """One reviewer's decision on one claim or bottom-line sentence, as saved (never rewritten)."""

    item_id: str = Field(description="The claim id, or `bluf-<hash of the sentence>`.")
    kind: Literal["claim", "bluf"]
    decision: Literal["approve", "reject", "edit"]
    reviewer: str
    at: dt.datetime
    version: int = Field(description="1 for the item's first decision, then 2, ...: a save names the version it "
                                     "replaces, so two reviewers cannot overwrite each other silently.")
    before: str = Field(description="The English as generated.")
    after: str | None = Field(default=None, description="The edited English (edit only).")
    reason: str | None = None
    extra_evidence: list[str] = Field(default_factory=list, description="Arabic the reviewer selected as evidence.")
    status: ClaimStatus | None = Field(default=None, description="The edit's status from the checker.")
    problems: list[str] = Field(default_factory=list)


class ReviewLog(Model):
    """``briefing-DATE.review.json``: every decision in the order made; the latest per item counts."""

    briefing: str = Field(description="The briefing JSON's file name.")
    briefing_sha256: str
    decisions: list[Decision] = Field(default_factory=list)


class Manifest(Model):
    """The cost manifest of one run, written next to the briefing (``briefing-DATE.manifest.json``)."""

    date: dt.date
    model: str
    articles: int
    stories: int
    summarized: int
    failed: int
    calls: int = Field(description="Requests on the wire, transport retries and re-asks included.")
    retries: int = Field(default=0, description="Of the calls, repeats of a request after a transient failure "
                                                "(429, 5xx, timeout, connection reset).")
    reasks: int
    input_tokens: int
    output_tokens: int
    cost_usd: float | None
    unpriced_calls: int
    cache_hits: int
    budget_usd: float | None
    refused_for_budget: int
    stage_wall_s: dict[str, float]
    stage_cpu_s: dict[str, float] = Field(default_factory=dict, description="CPU seconds per stage.")
    stage_peak_rss_mb: dict[str, float] = Field(
        default_factory=dict, description="The process's peak resident memory at the end of each stage (MB).")
    wall_s: float


class Facet(Model):
    """A place or actor that claims name, for the review page's filters and the map."""

    key: str = Field(description="p1, p2, ... for places, a1, ... for actors.")
    kind: Literal["place", "actor"]
    name: str = Field(description="Its registry name, else the model's English name.")
    claim_ids: list[str] = Field(description="The claims that name it.")
    registered: bool = False
    lat: float | None = None
    lon: float | None = None


class ThreadInfo(Model):
    """A story's thread across days (``threads.py``)."""

    thread_id: str = Field(description="The id of the thread's first story: the same on every day it continues.")
    day_number: int = Field(description="Calendar days since the thread's first day, plus one.")
    first_day: dt.date


class FigureChange(Model):
    """A figure of one kind (killed, injured, arrested, displaced) that moved since an earlier day."""

    kind: str
    text_en: str = Field(description="The change in one English sentence, checked against both quotes.")
    status: ClaimStatus
    problems: list[str] = Field(default_factory=list)
    before: float
    before_day: dt.date
    before_quote_ar: str
    before_article_id: str
    before_outlet: str
    after: float
    after_quote_ar: str
    after_article_id: str
    after_outlet: str
    claim_id: str = Field(description="Today's claim whose evidence states the new figure.")


class ContinuingStory(Model):
    article_id: str = Field(description="Today's summary.")
    thread_id: str
    day_number: int
    first_day: dt.date
    previous_day: dt.date
    previous_headline: str
    link_score: float
    new_claim_ids: list[str] = Field(description="Today's claims whose Arabic no earlier day of the thread quoted.")
    figure_changes: list[FigureChange] = Field(default_factory=list)


class StoppedStory(Model):
    thread_id: str
    last_day: dt.date
    headline: str
    day_number: int


class DisputedValue(Model):
    value: float
    outlet: str
    quote_ar: str
    article_id: str


class Dispute(Model):
    """Outlets of one story, the same day, giving different figures of one kind."""

    article_id: str
    kind: str
    conservative: float = Field(description="The lowest figure: the one to use, noted as disputed.")
    values: list[DisputedValue]


class Changes(Model):
    """What changed since the last briefing in the store (``changes.py``)."""

    since: dt.date | None = Field(description="The previous briefing's date; null: none in the last 7 days.")
    threads: dict[str, ThreadInfo] = Field(default_factory=dict, description="Summary article id -> its thread.")
    continuing: list[ContinuingStory] = Field(default_factory=list)
    stopped: list[StoppedStory] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)


class Briefing(Model):
    """One dated English situation briefing built from Arabic articles."""

    schema_version: str = SCHEMA_VERSION
    date: dt.date
    title: str
    bluf: list[BlufPoint]
    sections: list[Section]
    summaries: list[ArticleSummary]
    failed: list[FailedArticle]
    sources: list[Source]
    articles: list[Article] = Field(description="Every article read, with its original text.")
    input_problems: list[InputProblem]
    unregistered_names: list[UnregisteredName] = Field(default_factory=list)
    other_reports: list[OtherReport] = Field(default_factory=list, description="Stories below the cut.")
    changes: Changes | None = Field(default=None, description="What changed since the last briefing (a run "
                                                               "with a store); null: not tracked.")
    facets: list[Facet] = Field(default_factory=list, description="Places and actors the claims name.")
    digest_article_ids: list[str] = Field(
        default_factory=list, description="The stories shown in full in the digest (the emailed PDF), in rank order.")
    clustering: str | None = Field(default=None, description="How articles were grouped into stories.")
    methodology: Methodology

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def summary(self, article_id: str) -> ArticleSummary | None:
        for s in self.summaries:
            if s.article_id == article_id:
                return s
        return None

    def claims(self) -> list[Claim]:
        return [c for s in self.summaries for c in s.claims]
