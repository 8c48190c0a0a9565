"""Readable plain-text reports of articles and of a whole store, for the terminal."""

from __future__ import annotations

import textwrap
from importlib import resources
from pathlib import Path
from typing import Any

from onrecord.records import Article, Quote
from onrecord.store import QuoteFilter, Store
from onrecord.store.links import ClaimFilter

_WIDTH = 100
_SHOWCASE_MIN_WORDS = 6


def demo_corpus_dir() -> Path:
    """The folder of the bundled, fictional demo corpus."""
    return Path(str(resources.files("onrecord") / "demo" / "corpus"))


def _quote_line(quote: Quote) -> str:
    content = " … ".join(span.text for span in quote.content)
    who = quote.speaker or (quote.source.text if quote.source else "?")
    if quote.anonymous:
        who += " (anonymous)"
    chain = "".join(f", via {via.name}" for via in quote.via)
    venue = "".join(f", to {venue.name}" for venue in quote.venue)
    stance = " DENIES" if quote.polarity == "deny" else ""
    when = f" on {quote.when}" if quote.when_from == "text" else ""
    cue = quote.cue.text if quote.cue else ("continues" if quote.speaker else "no cue")
    return f"[{quote.kind}{stance}] {who} ({cue}{when}{chain}{venue}): {content}"


def describe_article(article: Article) -> str:
    """A plain-text view of one article: metadata, people, quotes, times, quantities."""
    lines = [
        article.title or "(untitled)",
        f"id {article.id} · {article.published or 'date unknown'}"
        f" (from {article.published_from}) · {article.outlet or '-'} · {article.language or '?'}",
    ]
    lines += [f"url: {article.url}"] if article.url else []
    lines += [f"path: {article.path}"] if article.path else []
    lines += [f"warning: {warning}" for warning in article.warnings]
    if article.entities:
        lines.append("\nentities:")
        for entity in article.entities:
            extra = f" — {', '.join(entity.roles)}" if entity.roles else ""
            aka = f" (also {', '.join(entity.aliases)})" if entity.aliases else ""
            lines.append(f"  {entity.type:8} {entity.name}{aka}{extra} ×{len(entity.mentions)}")
    quotes = [quote for quote in article.quotes if quote.content]
    if quotes:
        lines.append("\nquotes:")
        for quote in quotes:
            lines.append(
                textwrap.fill(
                    _quote_line(quote), _WIDTH, initial_indent="  ", subsequent_indent="      "
                )
            )
    if article.times:
        lines.append("\ntimes:")
        lines += [f"  {t.span.text!r} → {t.type} {t.value}" for t in article.times]
    if article.quantities:
        lines.append("\nquantities:")
        for q in article.quantities:
            amount = f"{q.value:,.0f}" if q.value.is_integer() else f"{q.value:,}"
            lines.append(f"  {q.span.text!r} → {q.kind} {amount} {q.unit}")
    return "\n".join(lines)


def _showcase(rows: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """A few telling quotes: a named speaker, a full sentence, one per article, by date.

    Within an article, words in quotation marks come first, then a reported clause ("said
    that …"); an attitude's object ("welcomed the prime minister") only when nothing else is.
    """
    best: dict[str, tuple[int, int]] = {}
    for number, row in enumerate(rows):
        if row["speaker"] is None or len(row["content"].split()) < _SHOWCASE_MIN_WORDS:
            continue
        if row["anonymous"] and not row["via"]:
            continue
        rank = 0 if row["kind"] != "indirect" else 1 if row["content"].startswith("that ") else 2
        if row["article_id"] not in best or rank < best[row["article_id"]][0]:
            best[row["article_id"]] = (rank, number)
    return [rows[number] for _, number in sorted(best.values(), key=lambda pair: pair[1])][:count]


def describe_store(store: Store, *, quotes: int = 8, people: int = 8) -> str:
    """A short report of a store: articles, the most mentioned people, a few quotes."""
    rows = store.articles()
    lines = [f"{len(rows)} articles"]
    for row in sorted(rows, key=lambda r: (r["published"] is None, r["published"] or "")):
        lines.append(
            f"  {row['published'] or 'undated   '}  {(row['outlet'] or '-')[:22]:22}"
            f"  {row['title'] or '(untitled)'}"
        )
    lines.append("\npeople and organisations most mentioned:")
    for person in store.persons(limit=people):
        aka = f" — also {', '.join(person['aliases'][:3])}" if person["aliases"] else ""
        lines.append(f"  {person['name']} ({person['type']}, {person['articles']} articles){aka}")
    for story in store.stories(limit=3):
        lines.append(
            f"\nstory {story['id']}: {story['title']} ({story['articles']} articles,"
            f" {story['first_date'] or '?'} … {story['last_date'] or '?'})"
        )
    contradicted = store.claims(ClaimFilter(contradictions=True))
    if contradicted:
        groups = {row["group_id"] for row in contradicted}
        lines.append(
            f"{len(groups)} claim(s) both asserted and denied"
            f" ({len(contradicted)} statements); for example:"
        )
        # one claim's assertion and denial (a contradicted group has both)
        first = [row for row in contradicted if row["group_id"] == contradicted[0]["group_id"]]
        lines += [f"  {_said(row)}" for row in first[:2]]
    found = store.quotes(QuoteFilter())
    lines.append(f"\n{len(found)} quotes; a few of them:")
    for row in _showcase(found, quotes):
        who = row["speaker"] or "?"
        via = "".join(f", via {name}" for name in row["via"])
        stance = " (denial)" if row["polarity"] == "deny" else ""
        text = f"{row['said_on'] or '?'} {who}{via}{stance}: {row['content']}"
        lines.append(textwrap.shorten(text, _WIDTH * 2, placeholder=" …"))
    return "\n".join(lines)


def _said(row: dict[str, Any]) -> str:
    """One claim row as a line: date, speaker, relays, stance, content."""
    via = "".join(f", via {name}" for name in row.get("via") or ())
    stance = " DENIES" if row.get("polarity") == "deny" else ""
    date = row.get("said_on") or row.get("date") or row.get("published") or "undated"
    text = f"{date}  {row.get('speaker') or '?'}{via}{stance}: {row.get('content') or row['text']}"
    return textwrap.shorten(text, _WIDTH * 2, placeholder=" …")


def describe_person(person: dict[str, Any], *, why: bool = False) -> str:
    """A plain-text view of one person across articles (see ``Store.person``)."""
    articles = len(person["articles"])
    lines = [f"{person['name']} ({person['type']}, {person['id']}), {articles} articles"]
    lines += ["", "known as:"]
    lines += [
        f"  {alias['name']} ({len(alias['articles'])} articles)" for alias in person["aliases"]
    ]
    if person["roles"]:
        lines += ["", "roles:"]
        lines += [
            f"  {role['role']}: {role['first'] or '?'} … {role['last'] or '?'}"
            f" ({len(role['articles'])} articles)"
            for role in person["roles"]
        ]
    if person["quotes"]:
        lines += ["", f"said ({len(person['quotes'])}):"]
        lines += [f"  {_said(row)}" for row in person["quotes"]]
    if person["facts"]:
        lines += ["", "facts:"]
        lines += [
            f"  {fact['kind']} {fact['value']} in {fact['published']} → {fact['implied_year']}"
            for fact in person["facts"]
        ]
    if why:
        lines += ["", "why these mentions are one person:"]
        for row in person["why"]:
            lines.append(f"  {row['name']!r} in {row['title'] or row['article_id']}:")
            lines += [f"      {reason}" for reason in row["reasons"]]
    if person["others"]:
        others = ", ".join(f"{other['name']} ({other['id']})" for other in person["others"])
        lines += ["", f"others of that name: {others}"]
    return "\n".join(lines)


def describe_story(story: dict[str, Any]) -> str:
    """A plain-text view of one story: its people and its timeline (see ``Store.story``)."""
    lines = [
        story["title"],
        f"{story['id']} · {story['first_date'] or '?'} … {story['last_date'] or '?'}"
        f" · {len(story['articles'])} articles",
        "",
        "people: " + ", ".join(person["name"] for person in story["people"][:12]),
        "",
        "timeline:",
    ]
    for item in story["timeline"]:
        if item["kind"] == "article":
            lines.append(
                f"{item['date'] or 'undated':10}  ▌ {item['outlet'] or '-'}: {item['text']}"
            )
        else:
            mark = " ✗" if item["contradicted"] else ""
            lines.append(f"  {_said(item)}{mark}")
    if story["contradictions"]:
        lines += ["", "contradictions (✗):"]
        for found in story["contradictions"]:
            for row in found["asserted"][:1] + found["denied"][:1]:
                lines.append(f"  {_said(row)}")
            lines.append("")
    return "\n".join(lines)
