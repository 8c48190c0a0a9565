"""The command line: parse arguments, call the library, print. Nothing else lives here."""

from __future__ import annotations

import csv
import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from onrecord.errors import ConfigError, InputError, OnrecordError
from onrecord.settings import DB_ENV, TAGGER_MODES

app = typer.Typer(
    name="onrecord",
    help="Put the news on record: who said what, when, to whom, according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score the extractors against gold data.", no_args_is_help=True)
train_app = typer.Typer(help="Train the statistical models.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class Listing(StrEnum):
    """Output formats of listings."""

    table = "table"
    json = "json"
    csv = "csv"


class Stream(StrEnum):
    """Output formats of ``extract``."""

    jsonl = "jsonl"
    json = "json"


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=f"SQLite database file or postgresql:// URL [default: ${DB_ENV} or a per-user"
        " data file]",
    ),
]
FormatOption = Annotated[Listing, typer.Option("--format", "-f", help="Output format.")]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", help="Show at most N rows.")]


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--published must be YYYY-MM-DD, got {value!r}") from None


def _parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} must be YYYY-MM-DD, got {value!r}") from None


TaggerOption = Annotated[
    str,
    typer.Option(
        "--tagger",
        help="auto/on: the trained attribution tagger; off: the parse rules alone (faster); "
        "thorough: the tagger with more, averaged windows (slower, slightly more accurate).",
    ),
]


def _check_tagger(mode: str) -> str:
    if mode not in TAGGER_MODES:
        raise ConfigError(f"--tagger must be one of {list(TAGGER_MODES)}, got {mode!r}")
    return mode


PublishedOption = Annotated[
    str | None,
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that give none."),
]


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Turn library errors into one line on stderr and exit status 1."""
    try:
        yield
    except OnrecordError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(1) from None


def _read_text(path: Path) -> str:
    """A UTF-8 text file's content, or stdin's for ``-``; InputError when unreadable."""
    try:
        if str(path) == "-":
            return sys.stdin.read()
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read {str(path)!r} as UTF-8 text: {error}") from error


def _print_rows(rows: Sequence[dict[str, Any]], fmt: Listing, columns: Sequence[str]) -> None:
    if fmt is Listing.json:
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
        return
    if fmt is Listing.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        return
    table = Table(show_lines=False, highlight=False)
    for column in columns:
        wide = column in _WIDE_COLUMNS
        table.add_column(
            column,
            no_wrap=not wide,
            overflow="fold" if wide else "ellipsis",
            min_width=12 if wide else None,
        )
    for row in rows:
        table.add_row(
            *(Text(_cell(row.get(k))[: 12 if k in _ID_COLUMNS else None]) for k in columns)
        )
    out.print(table)


_WIDE_COLUMNS = frozenset({"title", "content", "roles", "snippet", "people", "aliases"})
_ID_COLUMNS = frozenset({"id", "article_id"})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[current]}"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    db: DbOption = None,
    published: PublishedOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with status 1 when any input failed.")
    ] = False,
    tagger: TaggerOption = "auto",
) -> None:
    """Read, analyse and store articles: text, Markdown, HTML, WARC/ARC, CSV, JSON Lines."""
    from onrecord.api import default_pipeline
    from onrecord.batch import ingest_paths
    from onrecord.store import open_store

    with _errors_to_exit():
        when = _parse_date(published)
        with open_store(db) as store, _progress() as progress:
            task = progress.add_task("ingesting", total=None, current="")

            def advance(label: str) -> None:
                progress.update(task, advance=1, current=label[-60:])

            summary = ingest_paths(
                paths,
                store,
                pipeline=default_pipeline(_check_tagger(tagger)),
                published=when,
                on_item=advance,
            )
    for line in summary.lines():
        err.print(line, highlight=False, markup=False)
    if strict and summary.failed:
        raise typer.Exit(1)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, or - for stdin.")],
    fmt: Annotated[Stream, typer.Option("--format", "-f", help="jsonl: one object per line.")] = (
        Stream.jsonl
    ),
    published: PublishedOption = None,
    tagger: TaggerOption = "auto",
) -> None:
    """Analyse articles without a database and print them as JSON (see docs/schema.md)."""
    from onrecord.api import default_pipeline
    from onrecord.batch import analyse_inputs
    from onrecord.ingest import Problem

    with _errors_to_exit():
        when = _parse_date(published)
        pipeline = default_pipeline(_check_tagger(tagger))
        items = analyse_inputs(paths, pipeline=pipeline, published=when)
        records = []
        for item in items:
            if isinstance(item, Problem):
                err.print(f"{item.status}: {item.source}: {item.reason}", markup=False)
            elif fmt is Stream.jsonl:
                sys.stdout.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
            else:
                records.append(item.to_dict())
        if fmt is Stream.json:
            sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")


@app.command()
def articles(
    db: DbOption = None, fmt: FormatOption = Listing.table, limit: LimitOption = None
) -> None:
    """List stored articles, newest first."""
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        rows = store.articles(limit=limit)
    columns = ["id", "published", "outlet", "title", "language", "quotes", "entities", "version"]
    if fmt is not Listing.table:
        columns += ["analysed", "url", "path"]
    _print_rows(rows, fmt, columns)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or id prefix.")],
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show one stored article with its people, quotes and times."""
    from onrecord.report import describe_article
    from onrecord.store import open_store

    with _errors_to_exit():
        if fmt not in ("text", "json"):
            raise ConfigError(f"--format must be one of ['json', 'text'], got {fmt!r}")
        with open_store(db) as store:
            article = store.get(article_id)
        if article is None:
            raise ConfigError(f"no article with id {article_id!r} (or the prefix is ambiguous)")
    if fmt == "json":
        sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(describe_article(article), highlight=False, markup=False)


@app.command()
def quotes(
    who: Annotated[str | None, typer.Option("--who", help="Speaker name contains.")] = None,
    via: Annotated[str | None, typer.Option("--via", help="Relayed by an outlet.")] = None,
    denials: Annotated[bool, typer.Option("--denials", help="Only denials.")] = False,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name contains.")] = None,
    polarity: Annotated[str | None, typer.Option("--polarity", help="assert or deny.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Said from YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Said until YYYY-MM-DD.")] = None,
    story_id: Annotated[str | None, typer.Option("--story", help="Only this story.")] = None,
    everything: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Also attributions whose content was not found, and contents with"
            " neither speaker nor cue.",
        ),
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = Listing.table,
    limit: LimitOption = None,
) -> None:
    """List stored quotes with their speaker, reporting chain and stance."""
    from onrecord.store import QuoteFilter, open_store

    with _errors_to_exit(), open_store(db) as store:
        where = QuoteFilter(
            who=who,
            via=via,
            denials=denials,
            limit=limit,
            complete=not everything,
            outlet=outlet,
            polarity=polarity,
            since=_parse_day(since, "--since"),
            until=_parse_day(until, "--until"),
            story_id=story_id,
        )
        rows = store.quotes(where)
    columns = ["said_on", "outlet", "speaker", "kind", "polarity", "cue", "content", "via"]
    if fmt is not Listing.table:
        columns += ["when_from", "published", "venue", "anonymous", "article_id", "n"]
    _print_rows(rows, fmt, columns)


@app.command()
def people(
    db: DbOption = None, fmt: FormatOption = Listing.table, limit: LimitOption = None
) -> None:
    """List people and organisations across articles, the most mentioned first."""
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        rows = store.persons(limit=limit)
    _print_rows(rows, fmt, ["id", "name", "type", "articles", "quotes", "aliases"])


@app.command()
def demo(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="A new SQLite file or an empty postgresql:// database for the demo"
            " [default: a new temp dir].",
        ),
    ] = None,
    serve_page: Annotated[
        bool, typer.Option("--serve", help="Then serve the web page on it (read-only).")
    ] = False,
    port: Annotated[int, typer.Option("--port", help="Port for --serve.")] = 8000,
) -> None:
    """Ingest the bundled (fictional) demo corpus into a fresh database and report on it."""
    from onrecord.report import demo_corpus_dir, describe_store
    from onrecord.store import is_postgres_url, open_store
    from onrecord.store.postgres import redact_url

    with _errors_to_exit():
        if db is None:
            db = str(Path(tempfile.mkdtemp(prefix="onrecord-demo-")) / "demo.db")
        elif is_postgres_url(db):
            with open_store(db) as store:
                if store.articles(limit=1):
                    raise ConfigError("--db holds articles; the demo needs an empty database")
        elif Path(db).exists():
            raise ConfigError(f"--db {db!r} exists; the demo needs a fresh database file")
        shown = redact_url(db) if is_postgres_url(db) else db
        err.print(f"demo database: {shown}", highlight=False)
        out.print(
            "The demo corpus is fiction written for onrecord: its countries, people and"
            " outlets are invented.\n",
            highlight=False,
        )
        ingest([str(demo_corpus_dir())], db=db, published=None, strict=True, tagger="auto")
        with open_store(db) as store:
            out.print(describe_store(store), highlight=False, markup=False)
    out.print(f"\nexplore it: onrecord quotes --db {shown}", highlight=False, markup=False)
    if serve_page:
        serve(db=str(db), port=port)


# --- the record across articles: people, claims, stories ---


def _print_record(record: dict[str, Any], fmt: Listing, describe: Callable[[], str]) -> None:
    """One record: as JSON, or as the plain-text view ``describe`` writes."""
    if fmt is Listing.json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        out.print(describe(), highlight=False, markup=False)


@app.command()
def who(
    name: Annotated[str, typer.Argument(help="A name, surname or person id.")],
    why: Annotated[
        bool, typer.Option("--why", help="Say, article by article, why mentions were merged.")
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = Listing.table,
) -> None:
    """One person or organisation across articles: aliases, roles over time, quotes."""
    from onrecord.report import describe_person
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        person = store.person(name)
        if person is None:
            raise ConfigError(f"no stored person or organisation named {name!r}")
    _print_record(person, fmt, lambda: describe_person(person, why=why))


@app.command()
def stories(
    db: DbOption = None, fmt: FormatOption = Listing.table, limit: LimitOption = None
) -> None:
    """List stories (clusters of articles), the biggest first."""
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        rows = store.stories(limit=limit)
    _print_rows(rows, fmt, ["id", "title", "first_date", "last_date", "articles", "people"])


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id or a unique prefix of one.")],
    db: DbOption = None,
    fmt: FormatOption = Listing.table,
) -> None:
    """One story: its people and its timeline of articles and statements."""
    from onrecord.report import describe_story
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        found = store.story(story_id)
        if found is None:
            raise ConfigError(f"no story with id {story_id!r} (see: onrecord stories)")
    _print_record(found, fmt, lambda: describe_story(found))


@app.command()
def claims(
    about: Annotated[str | None, typer.Option("--about", help="Words the claim contains.")] = None,
    contradictions: Annotated[
        bool, typer.Option("--contradictions", help="Only claims denied elsewhere.")
    ] = False,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Speaker name contains.")] = None,
    story_id: Annotated[str | None, typer.Option("--story", help="Only this story.")] = None,
    db: DbOption = None,
    fmt: FormatOption = Listing.table,
    limit: LimitOption = None,
) -> None:
    """List claims with the group of claims that say the same thing."""
    from onrecord.store import open_store
    from onrecord.store.links import ClaimFilter

    where = ClaimFilter(about, speaker, story_id, contradictions, limit)
    with _errors_to_exit(), open_store(db) as store:
        rows = store.claims(where)
    columns = ["said_on", "speaker", "polarity", "content", "group_size", "contradicted"]
    if fmt is not Listing.table:
        columns += ["outlet", "via", "relayed_from", "group_id", "article_id", "n"]
    _print_rows(rows, fmt, columns)


@app.command()
def merge(
    name: Annotated[str, typer.Argument(help="The person to keep.")],
    other: Annotated[str, typer.Argument(help="The person to merge into it.")],
    db: DbOption = None,
) -> None:
    """Make two stored people one; later ingests respect it."""
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        result = store.merge_people(name, other)
    out.print(f"merged {other!r} into {result['name']} ({result['kept']})", highlight=False)


@app.command()
def split(
    name: Annotated[str, typer.Argument(help="The person wrongly merged.")],
    alias: Annotated[str, typer.Argument(help="The name that is someone else.")],
    db: DbOption = None,
) -> None:
    """Move the mentions under ALIAS out of NAME into a new person; later ingests respect it."""
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        result = store.split_person(name, alias)
    out.print(
        f"{result['mentions']} mention(s) of {alias!r} now belong to {result['new']}",
        highlight=False,
    )


@app.command()
def link(db: DbOption = None) -> None:
    """Link stored articles not linked yet (after an upgrade or an interrupted ingest)."""
    from onrecord.batch import link_unlinked
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store, _progress() as progress:
        task = progress.add_task("linking", total=None, current="")
        count = link_unlinked(
            store, on_item=lambda label: progress.update(task, advance=1, current=label[-60:])
        )
    err.print(f"linked: {count}", highlight=False)


@app.command()
def checks(
    db: DbOption = None,
    fmt: FormatOption = Listing.table,
    everything: Annotated[bool, typer.Option("--all", help="Also the facts that agree.")] = False,
) -> None:
    """Ages and tenures of a person that disagree between articles."""
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        rows = [row for row in store.fact_checks() if everything or not row["agree"]]
    for row in rows:
        row["facts"] = [
            f"{fact['text']} ({fact['published']}: {fact['implied_year']})" for fact in row["facts"]
        ]
    _print_rows(rows, fmt, ["name", "kind", "agree", "facts"])


@app.command()
def serve(
    db: Annotated[
        str | None,
        typer.Option("--db", help=f"SQLite file or postgresql:// URL (default: ${DB_ENV})."),
    ] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", help="Bearer token for writes (else $ONRECORD_TOKEN; neither: read-only)."
        ),
    ] = None,
    private: Annotated[bool, typer.Option("--private", help="Reads need the token too.")] = False,
    cors_origin: Annotated[
        list[str] | None,
        typer.Option(
            "--cors-origin", help="Let this origin call the API (repeatable; off by default)."
        ),
    ] = None,
    max_upload: Annotated[
        int, typer.Option("--max-upload", help="Largest upload accepted, in bytes.")
    ] = 10 * 1024 * 1024,
    tagger: TaggerOption = "auto",
) -> None:
    """Serve the record over HTTP: a JSON API (OpenAPI at /openapi.json) and a web page."""
    from onrecord.serve import ServeSettings, serve_forever
    from onrecord.serve.settings import token_from_environment

    with _errors_to_exit():
        settings = ServeSettings(
            db=db,
            token=token_from_environment(token),
            private=private,
            cors_origins=tuple(cors_origin or ()),
            max_upload_bytes=max_upload,
            tagger=_check_tagger(tagger),
        )
        access = "read-only" if settings.read_only else "writes need the token"
        err.print(f"web page: http://{host}:{port}/ ({access}; Ctrl-C stops)", highlight=False)
        serve_forever(settings, host=host, port=port)


@eval_app.command("polnear")
def eval_polnear(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR split: text/ and attributions/.")],
    limit: LimitOption = None,
    tagger: TaggerOption = "auto",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    predictions: Annotated[
        Path | None,
        typer.Option(
            "--predictions",
            help="Score this `onrecord extract DIR --format jsonl` output (- for stdin)"
            " instead of extracting.",
        ),
    ] = None,
) -> None:
    """Score attribution against PolNeAR gold: P/R/F1 of source, cue and content spans."""
    from dataclasses import asdict

    from onrecord.evaluate.extractor import run_polnear, score_extract_output
    from onrecord.evaluate.polnear import format_report

    with _errors_to_exit():
        if predictions is None:
            report = run_polnear(directory, limit=limit, tagger=_check_tagger(tagger))
        else:
            if limit is not None:
                raise ConfigError("--limit does not apply to --predictions")
            read = score_extract_output(directory, _read_text(predictions).splitlines())
            report = read.report
            if read.missing:
                err.print(
                    f"{len(read.missing)} of {report.documents} articles have no prediction"
                    f" and count as predicting nothing (first: {read.missing[0]})",
                    highlight=False,
                    markup=False,
                )
    if fmt == "json":
        data = {role: asdict(scores) for role, scores in report.scores.items()}
        data["speed"] = {"articles": report.documents, "seconds": report.seconds}
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        out.print(format_report(report), highlight=False, markup=False)


@eval_app.command("polnear-agreement")
def eval_polnear_agreement(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR split: text/ and attributions/.")],
) -> None:
    """Score each further annotator of an article against its first: a human reference."""
    from onrecord.evaluate.polnear import annotator_agreement, format_report

    with _errors_to_exit():
        report = annotator_agreement(directory)
        if not report.documents:
            raise InputError(f"no article in {str(directory)!r} has more than one annotator")
    out.print(
        format_report(report, unit="further annotations scored against the first"),
        highlight=False,
        markup=False,
    )


@eval_app.command("tempeval")
def eval_tempeval(
    directory: Annotated[Path, typer.Argument(help="A folder of TimeML .tml files.")],
    parse: Annotated[
        bool, typer.Option("--parse/--no-parse", help="Give the finder the spaCy parse.")
    ] = True,
) -> None:
    """Score time expressions (TempEval-3 Task A): strict/relaxed F1, type and value."""
    from onrecord.evaluate.tempeval import evaluate_tempeval, format_report

    with _errors_to_exit():
        nlp = None
        if parse:
            from onrecord.extraction.pipeline import load_spacy

            nlp = load_spacy()
        report = evaluate_tempeval(directory, nlp=nlp)
    out.print(format_report(report), highlight=False, markup=False)


@eval_app.command("published")
def eval_published(
    data: Annotated[
        Path, typer.Argument(help="A folder holding wikinews/ and polnear/ (../shared/data).")
    ],
    facts: Annotated[
        bool,
        typer.Option(
            "--facts/--no-facts",
            help="Also date each article by its people's ages and tenures in the rest of its"
            " corpus (analyses every article: minutes).",
        ),
    ] = False,
) -> None:
    """Score publication-date estimation on Wikinews (dateline removed), PolNeAR train and dev."""
    from onrecord.evaluate.published import format_report, score_corpora

    with _errors_to_exit():
        if not (data / "wikinews").is_dir() or not (data / "polnear").is_dir():
            raise ConfigError(f"no wikinews/ and polnear/ folders under {str(data)!r}")
        analyse = None
        if facts:
            from onrecord.extraction.pipeline import Pipeline, PipelineSettings

            analyse = Pipeline(settings=PipelineSettings(tagger="off")).analyse
        scores = score_corpora(data, analyse)
    out.print(format_report(scores), highlight=False, markup=False)


@eval_app.command("crossdoc")
def eval_crossdoc(
    gold: Annotated[
        Path | None,
        typer.Argument(help="The gold file [default: eval/gold/crossdoc.json of the checkout]."),
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="A folder holding wikinews/ [default: ../shared/data]."),
    ] = None,
    split: Annotated[str, typer.Option("--split", help="dev, train or all.")] = "dev",
    tagger: TaggerOption = "auto",
    db: Annotated[
        Path | None,
        typer.Option(
            "--db", help="Build (or reuse, if it exists) this store [default: a temporary one]."
        ),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    thresholds: Annotated[
        str | None,
        typer.Option(
            "--thresholds",
            help="Also replay claim grouping at these similarity thresholds (0.6,0.7,...).",
        ),
    ] = None,
) -> None:
    """Score cross-article identity and claim grouping: pairwise and B-cubed P/R/F1."""
    from onrecord.evaluate.crossdoc import (
        DEFAULT_DATA,
        DEFAULT_GOLD,
        format_report,
        format_thresholds,
        parse_thresholds,
        report_dict,
        run_crossdoc,
    )

    with _errors_to_exit():
        report = run_crossdoc(
            gold or DEFAULT_GOLD,
            data=data or DEFAULT_DATA,
            split=split,  # type: ignore[arg-type]
            tagger=_check_tagger(tagger),
            db=db,
            thresholds=parse_thresholds(thresholds),
        )
    if fmt == "json":
        sys.stdout.write(json.dumps(report_dict(report), indent=2) + "\n")
    else:
        out.print(format_report(report), highlight=False, markup=False)
        if report.thresholds:
            out.print(format_thresholds(report), highlight=False, markup=False)


@train_app.command("attribution")
def train_attribution(
    train_dir: Annotated[Path, typer.Option("--train", help="PolNeAR train split.")],
    dev_dir: Annotated[Path, typer.Option("--dev", help="PolNeAR dev split (model selection).")],
    out_dir: Annotated[Path, typer.Option("--out", help="Where to write the model.")],
    epochs: Annotated[int, typer.Option(help="Training epochs.")] = 7,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 13,
) -> None:
    """Train the attribution span tagger (needs the 'train' extra: torch)."""
    with _errors_to_exit():
        try:
            from onrecord.train.attribution import train_attribution as train
        except ImportError as error:
            raise ConfigError(
                f"training needs the 'train' extra (pip install -e '.[train]'): {error}"
            ) from None
        train(train_dir, dev_dir, out_dir, epochs=epochs, seed=seed)


@train_app.command("biases")
def train_biases(
    model_dir: Annotated[Path, typer.Argument(help="Attribution model folder.")],
    data: Annotated[Path, typer.Option("--data", help="PolNeAR split to choose on (train).")],
    write: Annotated[
        bool, typer.Option("--write", help="Record the choice in the folder's config.json.")
    ] = False,
) -> None:
    """Choose the attribution tagger's label biases and decoding on a split (no torch)."""
    from onrecord.evaluate.polnear import hash_split, load_polnear
    from onrecord.extraction.attribution.tagger import SpanTagger
    from onrecord.train.biases import choose_decoding, format_decoding, write_decoding

    with _errors_to_exit():
        tagger = SpanTagger.from_dir(model_dir)
        chosen = choose_decoding(tagger, load_polnear(data))
        out.print(format_decoding(chosen), highlight=False, markup=False)
        if write:
            write_decoding(model_dir, chosen, hash_split(data))


@train_app.command("ensemble")
def train_ensemble(
    members: Annotated[list[Path], typer.Argument(help="Two or more trained model folders.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Where to write the ensemble.")],
    data: Annotated[
        Path, typer.Option("--data", help="PolNeAR split to choose its decoding on (train).")
    ],
) -> None:
    """Join trained attribution taggers into one model that averages them (no torch)."""
    from onrecord.evaluate.polnear import hash_split, load_polnear
    from onrecord.train.biases import choose_and_write_decoding, format_decoding
    from onrecord.train.ensemble import combine_models

    with _errors_to_exit():
        docs = load_polnear(data)
        combine_models(members, out_dir)
        chosen = choose_and_write_decoding(out_dir, docs, hash_split(data))
        out.print(format_decoding(chosen), highlight=False, markup=False)


@app.command()
def search(
    text: Annotated[
        str, typer.Argument(help='Words to find; "a phrase", or and -word work as on the web.')
    ],
    db: DbOption = None,
    fmt: FormatOption = Listing.table,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Show at most N hits.")] = 20,
) -> None:
    """Full-text search through article titles and texts and quote contents, best first."""
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        rows = store.search(text, limit=limit)
    columns = ["kind", "published", "speaker", "snippet"]
    if fmt is not Listing.table:
        columns += ["title", "outlet", "article_id", "n", "score"]
    _print_rows(rows, fmt, columns)


@app.command()
def export(
    out_dir: Annotated[Path, typer.Option("--out", help="The folder to write the files to.")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="jsonl, csv or parquet (a file per table), or gkg (per article)."
        ),
    ] = "jsonl",
    db: DbOption = None,
) -> None:
    """Export the whole record: a file per table, or a GDELT-GKG-like file (docs/exports.md)."""
    from onrecord.export import export_record
    from onrecord.store import open_store

    with _errors_to_exit(), open_store(db) as store:
        written = export_record(store, out_dir, fmt)
    for item in written:
        err.print(f"{item.path}: {item.rows} rows", highlight=False, markup=False)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the ``onrecord`` command."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app(args=list(argv) if argv is not None else None, prog_name="onrecord")
