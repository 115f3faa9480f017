"""A generated page whose Markdown the worker process sends when MkDocs first reads it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

if TYPE_CHECKING:
    from .worker import WorkerHandle


#: MkDocs' own accessors of a file's content, which :class:`PendingFile` extends.
_STRING = cast(property, File.content_string)
_BYTES = cast(property, File.content_bytes)


class PendingFile(File):
    """A generated page whose Markdown comes from the worker, when something first reads it
    (MkDocs, as it reaches the page). Once MkDocs has read it, :meth:`release` drops the text:
    the page's Markdown then lives in the page alone, not twice (at 5,000 scenarios, over a
    hundred megabytes)."""

    source: WorkerHandle | None = None
    released = False

    @classmethod
    def of(cls, config: MkDocsConfig, src_uri: str, source: WorkerHandle) -> PendingFile:
        made = cls.generated(config, src_uri, content="")
        assert isinstance(made, PendingFile)
        made.source = source
        return made

    def release(self) -> None:
        """Forget the Markdown: MkDocs reads a page's source once (``Page.read_source``), and
        nothing reads it after that; a read after this is an error, never an empty page."""
        self.source = None
        _STRING.__set__(self, "")
        self.released = True

    def _arrive(self) -> None:
        if self.released:
            raise RuntimeError(f"{self.src_uri}: the page's Markdown was read after its release")
        if self.source is not None:
            source, self.source = self.source, None
            _STRING.__set__(self, source.page(self.src_uri))

    @property  # type: ignore[override]
    def content_string(self) -> str:
        self._arrive()
        return _STRING.__get__(self)

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.source = None
        _STRING.__set__(self, value)

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        self._arrive()
        return _BYTES.__get__(self)

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.source = None
        _BYTES.__set__(self, value)
