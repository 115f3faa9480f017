"""The ``playbook`` command: a thin click group over the same core the plugin uses."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .core import batch
from .core.files import scenario_files
from .core.loader import Loader
from .core.problems import FORMATS, count
from .core.schema import schema_text

F = TypeVar("F", bound=Callable[..., Any])


def taxonomy_option(help_text: str) -> Callable[[F], F]:
    """The ``--taxonomy`` option of the commands that need the taxonomy."""
    return click.option(
        "--taxonomy",
        type=click.Path(path_type=Path),
        default=Path("taxonomy.yml"),
        show_default=True,
        help=help_text,
    )


@click.group()
@click.version_option(package_name="scenario-playbook")
def main() -> None:
    """Check, scaffold and export the scenarios of a playbook."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@taxonomy_option("The taxonomy file scenario terms are checked against.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="How to print problems.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for large checks (default: one per core; 1 checks in-process).",
)
def check(paths: tuple[Path, ...], taxonomy: Path, fmt: str, jobs: int | None) -> None:
    """Check scenario files (default: the scenarios folder); exit 1 on any problem."""
    targets = list(paths) or [Path("scenarios")]
    missing = [p for p in targets if not p.exists()]
    if missing:
        raise click.UsageError(f"no such file or folder: {', '.join(map(str, missing))}")
    files = scenario_files(targets)
    # Ids that files named one by one may link to: their neighbours in the same folder.
    named = {p.parent for p in targets if not p.is_dir()}
    context = {p.stem for folder in named for p in folder.glob("*.y*ml")}
    problems = batch.check(files, taxonomy, context, jobs=jobs)
    if fmt == "json" or problems:
        click.echo(FORMATS[fmt](problems))
    if problems:
        if fmt == "text":
            click.echo(f"{count(problems)} in {len(files)} file(s)", err=True)
        sys.exit(1)
    if fmt == "text":
        click.echo(f"{len(files)} scenario file(s) checked: no problems", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of a scenario file, generated from the models."""
    click.echo(schema_text(), nl=False)


CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="The site configuration that names the scenarios, taxonomy and templates.",
)


@main.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    required=True,
    help="json: OUT is a file like the site's scenarios.json. markdown: OUT is a folder; "
    "OUT/docs holds every page as MkDocs gets it, OUT/mkdocs.yml builds it without the plugin.",
)
@CONFIG_OPTION
@click.option(
    "--force",
    is_flag=True,
    help="Replace files in OUT that no export wrote (never the project's own pages).",
)
def export(out: Path, fmt: str, config_file: Path, force: bool) -> None:
    """Export every scenario as JSON, or the whole playbook as Markdown pages."""
    from .adapter.project import ProjectError, load_project
    from .publish import outputs
    from .publish.exports import export_markdown, scenarios_json

    try:
        project = load_project(config_file)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from exc
    scenarios, taxonomy = project.playbook.scenarios, project.playbook.taxonomy
    assert taxonomy is not None
    try:
        if fmt == "json":
            outputs.file_target(out, ours=outputs.is_json_export(out), force=force)
            outputs.folder_target(out.parent)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(scenarios_json(scenarios, taxonomy), encoding="utf-8")
            click.echo(f"wrote {len(scenarios)} scenario(s) to {out}", err=True)
            return
        outputs.folder_target(out)
        pages = export_markdown(
            project.config, scenarios, taxonomy, project.templates, out, force=force
        )
    except outputs.OutputError as exc:
        raise click.ClickException(f"not exported: {exc}") from exc
    except OSError as exc:
        raise click.ClickException(f"not exported: {exc.filename}: {exc.strerror}") from exc
    click.echo(
        f"wrote {len(pages)} generated page(s) to {out / 'docs'}; build with: "
        f"mkdocs build -f {out / 'mkdocs.yml'}",
        err=True,
    )


@main.command()
@click.option(
    "--dist",
    type=click.Path(path_type=Path),
    default=Path("dist"),
    show_default=True,
    help="Where the zip and the one-file edition are written.",
)
@CONFIG_OPTION
def bundle(dist: Path, config_file: Path) -> None:
    """Build the offline zip and the one-file edition; fail if anything loads from the web."""
    from .adapter.project import ProjectError
    from .publish.bundle import make_bundle
    from .publish.outputs import OutputError, folder_target

    try:
        folder_target(dist)
        archive, page = make_bundle(config_file, dist)
    except (ProjectError, OutputError) as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"not bundled: {exc.filename}: {exc.strerror}") from exc
    click.echo(f"wrote {archive}\nwrote {page}")


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
@taxonomy_option("The taxonomy that family, roles, stages and principles come from.")
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
    from .render.scaffold import Request, ScaffoldError, write_scaffold

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


@main.command("search-eval")
@click.option(
    "--queries",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    default=Path("tests/search/queries.yml"),
    show_default=True,
    help="The evaluation queries, each with the scenario ids a right answer may be.",
)
@CONFIG_OPTION
def search_eval(queries: Path, config_file: Path) -> None:
    """Top-1 and top-3 accuracy of the situation finder, and its out-of-scope flags."""
    from .adapter.project import ProjectError, load_project
    from .search import playbook_index
    from .search.evaluation import evaluate, load_queries, report

    try:
        project = load_project(config_file)
    except ProjectError as exc:
        raise click.ClickException(str(exc)) from exc
    index = playbook_index(project.playbook)
    click.echo(report(evaluate(index, load_queries(queries)), len(index.docs)))
