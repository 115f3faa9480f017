"""The plugin's options in ``mkdocs.yml``, typed, each with its docstring."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class PlaybookConfig(base.Config):
    """The ``playbook`` plugin's options (names and defaults are part of the public interface)."""

    scenarios = opt.Type(str, default="scenarios")
    """Folder of scenario YAML files, relative to mkdocs.yml."""
    taxonomy = opt.Type(str, default="taxonomy.yml")
    """The taxonomy file (families, roles, stages, principles), relative to mkdocs.yml."""
    templates = opt.Optional(opt.Dir(exists=True))
    """A folder whose templates override the built-in ones of the same name."""
    cache = opt.Type(bool, default=True)
    """Keep validated scenarios and rendered pages on disk, keyed by all their inputs, so that
    a rebuild redoes only what changed."""
    cache_dir = opt.Type(str, default=".cache/playbook")
    """Where the build cache lives, relative to mkdocs.yml."""
    offline_search = opt.Choice(("opening", "full"), default="opening")
    """What the offline bundle's search index holds of a scenario page: its opening (title,
    summary, first line, moves, search words), or its full text. The bundle builds the index
    in the page's own thread, so the full text freezes large playbooks for seconds."""
    parallel = opt.Type(bool, default=True)
    """On `mkdocs build`, read, check and render the scenarios in a second process while
    MkDocs builds the site (Linux, with two cores or more); off, all in MkDocs' process."""
