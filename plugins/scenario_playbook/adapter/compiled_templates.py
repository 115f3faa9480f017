"""The theme's templates, compiled once per ``mkdocs serve``.

MkDocs makes a new Jinja2 environment for the theme on every build, so each rebuild in serve
compiled Material's forty templates again (a quarter of a second at any site size). Jinja2's
bytecode cache keeps the compiled code between them: a template is compiled again only when its
source changes (Jinja2 checks a checksum of the source before it uses the code it kept).
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, by Jinja2's key (template name and file)."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()
