"""A generated corpus for the engine tests: documents made from the rule
fixtures (tests/fixtures) and the examples (data/examples), with changed
numbers, dropped paragraphs and bad documents, the same every run (seeded).

Each document is written twice: as a table row (id, zh, en) for the engines,
and as files with a manifest for `clausealign batch`, so the two can be
compared.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from conftest import EXAMPLES, fixture_pairs


@dataclass
class Document:
    id: str
    zh: Optional[str]
    en: Optional[str]


def _change_a_number(text: str, rng: random.Random) -> str:
    digits = [m.start() for m in re.finditer(r"[0-9]", text)]
    if not digits:
        return text
    at = rng.choice(digits)
    return text[:at] + str((int(text[at]) + 1 + rng.randrange(8)) % 10) + text[at + 1 :]


def _drop_a_paragraph(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 2:
        return text
    del paragraphs[rng.randrange(len(paragraphs))]
    return "\n\n".join(paragraphs)


def generate(count: int, seed: int = 13) -> List[Document]:
    """`count` documents: about 60% two texts, 20% one bilingual text, 10%
    examples, 10% bad (empty, blank, one language, languages swapped)."""
    rng = random.Random(seed)
    pairs = [(zh.strip(), en.strip()) for _, zh, en in fixture_pairs()]
    demo = (EXAMPLES / "demo-drift.txt").read_text(encoding="utf-8")
    mhz = (EXAMPLES / "mhz-privacy.txt").read_text(encoding="utf-8")
    zh_only = (EXAMPLES / "weiqun-privacy-zh.txt").read_text(encoding="utf-8")
    en_only = (EXAMPLES / "zhuiyi-privacy-en.txt").read_text(encoding="utf-8")
    documents = []
    for i in range(count):
        doc_id = f"doc{i:05d}"
        kind = i % 10
        chosen = rng.sample(pairs, rng.randint(1, 4))
        zh = "\n\n".join(z for z, _ in chosen)
        en = "\n\n".join(e for _, e in chosen)
        if rng.random() < 0.3:
            en = _change_a_number(en, rng)
        if rng.random() < 0.2:
            zh = _drop_a_paragraph(zh, rng)
        if kind < 6:
            documents.append(Document(doc_id, zh, en))
        elif kind < 8:
            documents.append(Document(doc_id, zh + "\n\n" + en + "\n", None))
        elif kind == 8:
            text = rng.choice([demo, mhz, _change_a_number(demo, rng), _drop_a_paragraph(mhz, rng)])
            documents.append(Document(doc_id, text, None))
        else:
            bad = rng.choice(
                [
                    Document(doc_id, "", None),
                    Document(doc_id, " \n\n ", None),
                    Document(doc_id, zh_only, None),
                    Document(doc_id, en_only, None),
                    Document(doc_id, en, zh),
                    Document(doc_id, zh, ""),
                ]
            )
            documents.append(bad)
    return documents


def write_files(documents: List[Document], folder: Path) -> Path:
    """Write the documents as files and a manifest for `clausealign batch`;
    return the manifest's path."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "path", "zh", "en"])
        for doc in documents:
            if doc.en is None:
                (folder / f"{doc.id}.txt").write_text(doc.zh or "", encoding="utf-8")
                writer.writerow([doc.id, f"{doc.id}.txt", "", ""])
            else:
                (folder / f"{doc.id}.zh.txt").write_text(doc.zh or "", encoding="utf-8")
                (folder / f"{doc.id}.en.txt").write_text(doc.en, encoding="utf-8")
                writer.writerow([doc.id, "", f"{doc.id}.zh.txt", f"{doc.id}.en.txt"])
    return manifest


def as_table(documents: List[Document]):
    import pyarrow as pa

    return pa.table(
        {
            "id": pa.array([d.id for d in documents], pa.string()),
            "zh": pa.array([d.zh for d in documents], pa.string()),
            "en": pa.array([d.en for d in documents], pa.string()),
        }
    )
