"""Make a project of N realistic scenarios for benchmarks: the repo's own scenarios cloned
under new ids, with varied text, valid links and the repo's taxonomy and hand-written pages.

    python benchmarks/generate.py N OUT
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["really", "quite", "clearly", "simply", "honestly", "calmly", "plainly", "warmly"]


def vary(text: str, rng: random.Random) -> str:
    """Shuffle a text's sentences within each paragraph and sprinkle a few adverbs, so that
    clones are not byte-identical (nothing may be cached by content)."""
    out = []
    for para in text.split("\n\n"):
        sentences = [s for s in para.replace("\n", " ").split(". ") if s]
        rng.shuffle(sentences)
        words = ". ".join(sentences).split(" ")
        for _ in range(max(1, len(words) // 25)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
        out.append(" ".join(words))
    return "\n\n".join(out)


def _walk(data: Any, rng: random.Random, key: str = "") -> Any:
    if isinstance(data, dict):
        return {k: _walk(v, rng, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_walk(v, rng, key) for v in data]
    if isinstance(data, str) and key in {
        "situation",
        "stakes",
        "outcome",
        "feedback",
        "why",
        "say",
        "prompt",
        "description",
    }:
        return vary(data, rng)
    return data


def clone(base: dict[str, Any], index: int, total: int, rng: random.Random) -> dict[str, Any]:
    data = _walk(base, rng)
    data["id"] = f"{base['id']}-{index:05d}"[:64]
    data["title"] = f"{base['title']} (case {index})"
    data["related"] = [
        f"{base['id']}-{(index + k) % total:05d}"[:64]
        for k in (1, 2)
        if (index + k) % total != index
    ]
    return data


def generate(n: int, out: Path, seed: int = 7) -> list[str]:
    """Write ``out/`` as a copy of the repo's site with ``n`` generated scenarios."""
    rng = random.Random(seed)
    bases = [
        yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "scenarios").glob("*.yml"))
    ]
    if out.exists():
        shutil.rmtree(out)
    (out / "scenarios").mkdir(parents=True)
    for name in ("playbook", "overrides"):
        shutil.copytree(ROOT / name, out / name)
    for name in ("mkdocs.yml", "taxonomy.yml"):
        shutil.copy(ROOT / name, out / name)
    # Clones of one base link to clones of the same base, so every link resolves.
    clones = [len(range(b, n, len(bases))) for b in range(len(bases))]  # how many of each base
    ids = []
    for i in range(n):
        data = clone(bases[i % len(bases)], i // len(bases), clones[i % len(bases)], rng)
        ids.append(data["id"])
        text = "# yaml-language-server: $schema=../schema/scenario.schema.json\n"
        text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        (out / "scenarios" / f"{data['id']}.yml").write_text(text, encoding="utf-8")
    return ids


if __name__ == "__main__":
    count, folder = int(sys.argv[1]), Path(sys.argv[2])
    print(len(generate(count, folder)), "scenarios in", folder)
