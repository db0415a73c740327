"""The `sitroom` command: a thin layer over plain library functions.

Library code never prints or exits; this module is the one place that talks to the
terminal (rich progress bars on long runs, rejected inputs with their reasons) and
turns outcomes into exit statuses: 0 when every input was processed, 1 when some were
rejected (after processing all the others), 2 for usage errors.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="sitroom: news in, sourced event data and situation reports out. Offline.")
err = Console(stderr=True)

DB_HELP = "Database: a SQLite file path (created if missing) or an SQLAlchemy URL (postgresql://...)."


def _say(line: str) -> None:
    """One unwrapped line on stderr: file names and reasons must stay greppable."""
    sys.stderr.write(line + "\n")


def _stories(n: int) -> str:
    return f"{n} {'story' if n == 1 else 'stories'}"


def _count_inputs(paths: list[str]) -> int | None:
    """How many files a run will read, for the progress bar; None when it cannot be known cheaply."""
    total = 0
    for p in paths:
        path = Path(p)
        if p.startswith(("http://", "https://")) or path.suffix.lower() in (".jsonl", ".ndjson", ".xml", ".rss",
                                                                             ".atom"):
            return None
        if path.is_dir():
            total += sum(1 for f in path.rglob("*") if f.is_file() and not any(
                part.startswith(".") for part in f.relative_to(path).parts))
        else:
            total += 1
    return total


@app.command()
def run(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), JSONL, RSS/Atom feeds or URLs."),
    db: str = typer.Option(..., "--db", help=DB_HELP),
    outlet: Optional[str] = typer.Option(None, help="Outlet name for inputs whose metadata names none."),
    published: Optional[str] = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs with none."),
    max_bytes: int = typer.Option(5_000_000, "--max-bytes", help="Refuse input files larger than this."),
    timeout: float = typer.Option(20.0, help="Seconds per HTTP request."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Ingest and analyse articles, storing events as each article is done."""
    from sitroom.ingest.options import IngestOptions
    from sitroom.pipeline import build_pipeline
    from sitroom.runner import run as run_inputs
    from sitroom.store.db import Store

    try:
        options = IngestOptions(max_bytes=max_bytes, outlet=outlet, published=published, timeout=timeout)
    except ValueError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(2)
    total = _count_inputs(paths)
    with Store.open(db) as store:
        pipeline = build_pipeline()
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal,
                      transient=True) as bar:
            task = bar.add_task("analysing", total=total)

            def progress(uri: str, outcome: str) -> None:
                bar.update(task, advance=1, description=f"{outcome}: {Path(uri).name[:40]}")

            summary = run_inputs(paths, store, options, pipeline, progress)
        counts = store.counts() | store.fusion_counts()
    for rej in summary.rejected:
        _say(f"rejected {rej.uri}: {rej.reason}")
    for note in summary.notes:
        _say(f"note: {note}")
    _say(f"{summary.processed} articles analysed, {summary.already_stored} already stored, "
         f"{len(summary.rejected)} rejected; {summary.events} new events "
         f"(database: {counts.get('articles', 0)} articles in {_stories(counts.get('stories', 0))}, "
         f"{counts.get('duplicates', 0)} near-duplicates; {counts.get('event_mentions', 0)} events, "
         f"{counts.get('merged_events', 0)} merged)")
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def export(
    db: str = typer.Option(..., "--db", help=DB_HELP),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl, csv or geojson."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write here instead of standard output."),
    what: str = typer.Option("mentions", "--what", "-w",
                             help="mentions (one record per article's mention), events (merged across articles), "
                                  "stories, claims (figures reconciled per story) or escalation (per actor pair)."),
) -> None:
    """Write what the database holds in a standard format: event mentions by default."""
    from sitroom.export.select import WHAT, export_store
    from sitroom.store.db import Store

    if what not in WHAT:
        _say(f"error: unknown --what {what!r}; choose one of {', '.join(WHAT)}")
        raise typer.Exit(2)
    if format not in WHAT[what]:
        _say(f"error: --what {what} is written as {', '.join(WHAT[what])}, not {format!r}")
        raise typer.Exit(2)
    with Store.open(db) as store:
        if out is None:
            export_store(store, what, format, sys.stdout)
        else:
            with open(out, "w", encoding="utf-8", newline="") as fh:
                n = export_store(store, what, format, fh)
            _say(f"{n} {what if what != 'mentions' else 'events'} written to {out}")


@app.command()
def report(
    db: str = typer.Option(..., "--db", help=DB_HELP),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Markdown file to write (default: stdout)."),
    title: Optional[str] = typer.Option(None, help="Report title."),
) -> None:
    """Write a Markdown situation report from the database."""
    from sitroom.report.markdown import render_store_report
    from sitroom.store.db import Store

    with Store.open(db) as store:
        text = render_store_report(store, title=title)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        _say(f"report written to {out}")


@app.command()
def demo(
    out: Path = typer.Option(Path("demo-out"), "--out", "-o", help="Folder for the database, report and exports."),
) -> None:
    """Run the bundled example corpus end to end: database, report, JSONL/CSV/GeoJSON exports."""
    from sitroom.demo import corpus_dir
    from sitroom.export.select import export_store
    from sitroom.ingest.options import IngestOptions
    from sitroom.report.markdown import render_store_report
    from sitroom.runner import run as run_inputs
    from sitroom.store.db import Store

    out.mkdir(parents=True, exist_ok=True)
    files = sorted(str(p) for p in corpus_dir().glob("*.txt"))
    with Store.open(out / "demo.db") as store:
        summary = run_inputs(files, store, IngestOptions())
        (out / "report.md").write_text(render_store_report(store, title="Demo: Idlib, February 2020"),
                                       encoding="utf-8")
        for name in ("jsonl", "csv", "geojson"):
            with open(out / f"events.{name}", "w", encoding="utf-8", newline="") as fh:
                export_store(store, "mentions", name, fh)
        with open(out / "merged_events.jsonl", "w", encoding="utf-8") as fh:
            export_store(store, "events", "jsonl", fh)
        counts = store.counts() | store.fusion_counts()
    for rej in summary.rejected:
        _say(f"rejected {rej.uri}: {rej.reason}")
    _say(f"demo: {counts.get('articles', 0)} articles in {_stories(counts.get('stories', 0))}, "
         f"{counts.get('event_mentions', 0)} events ({counts.get('merged_events', 0)} merged). "
         f"Read {out / 'report.md'}; events in {out}/events.jsonl, .csv, .geojson, merged_events.jsonl")


@app.command()
def rejections(db: str = typer.Option(..., "--db", help=DB_HELP)) -> None:
    """List inputs that were rejected, with the reason."""
    from sitroom.store.db import Store

    with Store.open(db) as store:
        for rej in store.rejections():
            sys.stdout.write(f"{rej.uri}\t{rej.stage}\t{rej.reason}\n")


@app.command()
def dropped(db: str = typer.Option(..., "--db", help=DB_HELP)) -> None:
    """List page debris removed from each article before analysis, with the reason."""
    from sitroom.store.db import Store

    with Store.open(db) as store:
        for article in store.articles():
            for line in article.dropped:
                sys.stdout.write(f"{article.id}\t{line.reason}\t{line.text}\n")


@app.command("eval")
def eval_(
    name: str = typer.Argument(..., help="case2021, acled, wikievents, plover, event_location or gva."),
    data: Path = typer.Option(..., "--data", help="The benchmark's data file (gva: its folder)."),
    as_json: bool = typer.Option(False, "--json", help="Print only one JSON object of the metrics."),
    limit: Optional[int] = typer.Option(None, help="Evaluate only the first N rows (after --sample)."),
    sample: Optional[int] = typer.Option(None, help="Evaluate a random sample of N rows."),
    seed: int = typer.Option(0, help="Seed for --sample."),
    countries: Optional[str] = typer.Option(None, help="acled: comma-separated country names."),
    years: Optional[str] = typer.Option(None, help="acled: a year or range, e.g. 2023-2025."),
    examples: int = typer.Option(8, "--examples", help="How many confusions to show, each with an example."),
) -> None:
    """Score sitroom against an annotated benchmark: a per-class table, or the metrics as JSON."""
    import json
    import time

    from rich.table import Table

    from sitroom.eval import EVALS, FOLDERS, Options, parse_countries, parse_years, run_eval

    if name not in EVALS:
        _say(f"error: unknown evaluation {name!r}; choose one of {', '.join(EVALS)}")
        raise typer.Exit(2)
    if name in FOLDERS and not data.is_dir():
        _say(f"error: no such data folder: {data}")
        raise typer.Exit(2)
    if name not in FOLDERS and not data.is_file():
        _say(f"error: no such data file: {data}")
        raise typer.Exit(2)
    try:
        options = Options(limit=limit, sample=sample, seed=seed, countries=parse_countries(countries),
                          years=parse_years(years))
    except ValueError as exc:
        _say(f"error: {exc}")
        raise typer.Exit(2)
    started = time.monotonic()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, disable=not err.is_terminal, transient=True) as bar:
        task = bar.add_task(f"eval {name}", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, advance=done, total=total)

        try:
            result = run_eval(name, data, options, progress)
        except ValueError as exc:
            _say(f"error: {exc}")
            raise typer.Exit(2)
    seconds = time.monotonic() - started
    skipped = sum(result.skipped.values())
    _say(f"{name}: {result.evaluated} evaluated, {skipped} skipped in {seconds:.1f} s"
         + "".join(f"; {n} {reason}" for reason, n in result.skipped.most_common(3)))
    metrics = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in result.metrics.items()}
    if as_json:
        sys.stdout.write(json.dumps(metrics) + "\n")
        return
    out = Console()
    table = Table(title=f"{name}: {data.name}")
    for col in result.columns:
        table.add_column(col, justify="left" if col in ("class", "source") else "right")
    for row in result.rows:
        table.add_row(*[f"{x:.2f}" if isinstance(x, float) else str(x) for x in row])
    out.print(table)
    for key, value in metrics.items():
        out.print(f"{key}: {'n/a' if value is None else value}")
    for line in result.notes:
        out.print(line, soft_wrap=True)
    if result.confusions and examples:
        out.print("\ncommonest errors (gold -> sitroom, count: first example):")
        for gold, pred, n, example in result.confusions[:examples]:
            out.print(f"  {gold} -> {pred} ({n}): {example[:300]}", soft_wrap=True, markup=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
