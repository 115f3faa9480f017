"""What 'inert' means, checked with a real HTML parser: shared by the corpus and property tests."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from scenario_playbook.render.text import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ID_PREFIX

EXECUTABLE_TAGS = {
    "script",
    "iframe",
    "frame",
    "object",
    "embed",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "svg",
    "math",
    "img",
    "video",
    "audio",
    "template",
}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def executable_constructs(fragment: str) -> list[str]:
    """Everything in an HTML fragment that could run, load or restyle: [] when inert."""
    found = []
    for tag in BeautifulSoup(fragment, "html.parser").find_all(True):
        if tag.name in EXECUTABLE_TAGS or tag.name not in ALLOWED_TAGS:
            found.append(f"<{tag.name}>")
        for name, value in tag.attrs.items():
            if name.startswith("on") or name == "style":
                found.append(f"{tag.name}[{name}]")
            if name not in ALLOWED_ATTRIBUTES.get(tag.name, set()) | {"rel"}:
                found.append(f"{tag.name}[{name}] not allowed")
            if name == "id" and not value.startswith(ID_PREFIX):
                found.append(f"{tag.name}[id={value}] without the prefix")
            if name == "href":
                url = _IGNORED.sub("", value).lower()
                scheme = _SCHEME.match(url)
                if scheme and scheme.group(1) not in ("http", "https"):
                    found.append(f"{tag.name}[href={value}]")
    return found
