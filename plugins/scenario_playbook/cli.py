"""The ``playbook`` command: a thin click group over the same core the plugin uses."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .playbook import Loader, scenario_files
from .problems import FORMATS
from .schema import schema_text


@click.group()
@click.version_option(package_name="scenario-playbook")
def main() -> None:
    """Check, scaffold and export the scenarios of a playbook."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    default=Path("taxonomy.yml"),
    show_default=True,
    help="The taxonomy file scenario terms are checked against.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="How to print problems.",
)
def check(paths: tuple[Path, ...], taxonomy: Path, fmt: str) -> None:
    """Check scenario files (default: the scenarios folder); exit 1 on any problem."""
    targets = list(paths) or [Path("scenarios")]
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    files = scenario_files(targets)
    # Ids that named files may link to: their neighbours in the same folder.
    context = {p.stem for f in files for p in f.parent.glob("*.y*ml")}
    playbook = Loader().load(files, taxonomy, context=context)
    if fmt == "json" or playbook.problems:
        click.echo(FORMATS[fmt](playbook.problems))
    if playbook.problems:
        if fmt == "text":
            n = len(playbook.problems)
            click.echo(f"{n} problem{'s' if n != 1 else ''} in {len(files)} file(s)", err=True)
        sys.exit(1)
    if fmt == "text":
        click.echo(f"{len(files)} scenario file(s) checked: no problems", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a scenario file, generated from the models."""
    click.echo(schema_text(), nl=False)


def _terms(values: tuple[str, ...]) -> list[str]:
    """``--roles a,b --roles c`` -> ``['a', 'b', 'c']``."""
    return [term.strip() for value in values for term in value.split(",") if term.strip()]


@main.command()
@click.argument("title")
@click.option("--family", required=True, help="A family id from the taxonomy.")
@click.option("--roles", multiple=True, help="Role ids, comma-separated or repeated.")
@click.option("--stages", multiple=True, help="Stage ids, comma-separated or repeated.")
@click.option("--principles", multiple=True, help="Principle ids, comma-separated or repeated.")
@click.option("--id", "ident", help="The scenario id (default: derived from the title).")
@click.option(
    "--folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("scenarios"),
    show_default=True,
    help="Where to write the file.",
)
@click.option(
    "--taxonomy",
    type=click.Path(path_type=Path),
    default=Path("taxonomy.yml"),
    show_default=True,
    help="The taxonomy that family, roles, stages and principles come from.",
)
def new(
    title: str,
    family: str,
    roles: tuple[str, ...],
    stages: tuple[str, ...],
    principles: tuple[str, ...],
    ident: str | None,
    folder: Path,
    taxonomy: Path,
) -> None:
    """Write scenarios/<id>.yml for TITLE, with every field and placeholders to replace."""
    from .scaffold import Request, ScaffoldError, write_scaffold

    loaded = Loader().load([], taxonomy)
    if loaded.taxonomy is None:
        click.echo(FORMATS["text"](loaded.problems), err=True)
        raise click.ClickException(f"cannot read the taxonomy {taxonomy}; fix it first")
    request = Request(title, family, _terms(roles), _terms(stages), _terms(principles), ident)
    try:
        path = write_scaffold(request, loaded.taxonomy, folder)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {path}")
    click.echo(f"next: replace every TODO, then run: playbook check {path}", err=True)
