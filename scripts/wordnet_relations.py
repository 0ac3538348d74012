#!/usr/bin/env python3
"""Regenerate data/lexicon/synonyms-en.tsv, adjective-bases-en.tsv and
negated-en.tsv from WordNet 3.0.

    apt-get download wordnet-base && dpkg-deb -x wordnet-base_*.deb wn
    scripts/wordnet_relations.py wn/usr/share/wordnet data/lexicon

synonyms-en.tsv: two English words are listed as synonyms when their most frequent sense in
some part of speech is the same synset: "fault" and "mistake", "examine"
and "study", "supply" and "provide". Only a word's first sense counts, so
"use" does not reach "victimise" through a rare sense, and only parts of
speech in which both words were seen in WordNet's tagged corpus and have
at most MAX_SENSES senses (a general verb such as "place" or "get" stands
for too much). Single
words only;
the check stems both sides with its own stemmer when it loads the file.

negated-en.tsv: English nouns, adjectives and adverbs that negate another
word by a prefix, as WordNet attests by listing them as antonyms
("inaccessible" and "accessible", "inability" and "ability"), where
"information" and "formation" are not. Verbs are left out: "unlock" and
"discharge" reverse an action rather than negate it.

Standard library only. Output: `word<TAB>synonym synonym ...`, sorted.
"""
import collections
import os
import sys

POS = ("noun", "verb", "adj", "adv")
# A word of more senses in a part of speech than this is too general to
# stand for another ("place" and "put", "get" and "acquire"): a clause that
# places something would translate every 出售 "sell, put on the market".
MAX_SENSES = 8


def records(wn, name):
    """The fields of each entry of a WordNet database file (`index.noun`,
    `data.adj`, ...); the licence header's lines start with two spaces."""
    with open(os.path.join(wn, name), encoding="latin-1") as fh:
        for line in fh:
            if not line.startswith("  "):
                yield line.split()


def synsets(wn, pos):
    """offset -> lowercase single-word lemmas of the synset."""
    return {offset: [w for w in words if w.isalpha()]
            for offset, words in synsets_all(wn, pos).items()}


def first_senses(wn, pos):
    """lemma -> offset of its most frequent synset in this part of speech,
    for lemmas whose senses in it were seen in the tagged corpus (a noun
    "take" that nobody tagged does not make "take" a synonym of "proceeds")."""
    out = {}
    for parts in records(wn, f"index.{pos}"):
        lemma = parts[0]
        if not lemma.isalpha():
            continue
        senses = int(parts[2])
        pointers = int(parts[3])
        tagged = int(parts[4 + pointers + 1])
        offsets = parts[4 + pointers + 2:]
        if offsets and tagged > 0 and senses <= MAX_SENSES:
            out[lemma] = offsets[0]
    return out


def lexical_pointers(wn, pos, symbol):
    """(word, target word, target part-of-speech letter) for each lexical
    pointer `symbol` ('+' derivation, '!' antonym) from a word of `pos`."""
    letter = {"noun": "n", "verb": "v", "adj": "a", "adv": "r"}
    lemmas = {}
    for p in POS:
        for off, words in synsets_all(wn, p).items():
            lemmas[(letter[p], off)] = words
    for parts in records(wn, f"data.{pos}"):
        count = int(parts[3], 16)
        words = [parts[4 + 2 * i].lower().split("(")[0] for i in range(count)]
        k = 4 + 2 * count
        pointers = int(parts[k])
        k += 1
        for _ in range(pointers):
            sym, offset, target_pos, source_target = parts[k:k + 4]
            k += 4
            source, target = int(source_target[:2], 16), int(source_target[2:], 16)
            if sym != symbol or not source or not target:
                continue
            targets = lemmas.get((target_pos, offset), [])
            if target <= len(targets):
                yield words[source - 1], targets[target - 1], target_pos


def adjective_bases(wn):
    """adjective -> nouns and verbs it is derivationally related to."""
    out = collections.defaultdict(set)
    for a, b, pos in lexical_pointers(wn, "adj", "+"):
        # The base is shorter than the adjective; a longer relative
        # is a noun made from it ("personal": "personality").
        if pos in ("n", "v") and a.isalpha() and b.isalpha() and len(b) < len(a):
            out[a].add(b)
    return out


# The prefixes of English negation by form (src/lexicon/derived.rs has the same).
NEGATING_PREFIXES = ("non-", "non", "un", "dis", "in", "im", "il", "ir")


def negated_words(wn):
    """word -> the word it negates by a prefix, where WordNet's lexical
    antonym pointer ('!') links the two."""
    out = collections.defaultdict(set)
    # Not verbs: a prefixed verb reverses an action rather than negating
    # it ("unlock", "discharge", "disarm").
    for pos in ("noun", "adj", "adv"):
        for a, b, _ in lexical_pointers(wn, pos, "!"):
            if any(a == p + b for p in NEGATING_PREFIXES) and "_" not in a:
                out[a].add(b)
    return out


def synsets_all(wn, pos):
    """offset -> every lowercase lemma of the synset, in order (pointers
    count lemmas by position); an adjective's syntactic marker ("big(a)")
    is dropped."""
    out = {}
    for parts in records(wn, f"data.{pos}"):
        count = int(parts[3], 16)
        out[parts[0]] = [parts[4 + 2 * i].lower().split("(")[0] for i in range(count)]
    return out


def write(path, header, table):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(header + "\n")
        for word in sorted(table):
            fh.write(word + "\t" + " ".join(sorted(table[word])) + "\n")


def main():
    wn, out_dir = sys.argv[1], sys.argv[2]
    synonyms = collections.defaultdict(set)
    for pos in POS:
        sets = synsets(wn, pos)
        first = first_senses(wn, pos)
        by_sense = collections.defaultdict(list)
        for lemma, offset in first.items():
            by_sense[offset].append(lemma)
        for lemmas in by_sense.values():
            for a in lemmas:
                for b in lemmas:
                    if a != b and b in sets.get(first[a], ()):
                        synonyms[a].add(b)
    write(os.path.join(out_dir, "synonyms-en.tsv"),
          "# Derived from WordNet 3.0 (Princeton University), see README.md. "
          "Word<TAB>synonyms sharing its most frequent sense.", synonyms)
    write(os.path.join(out_dir, "adjective-bases-en.tsv"),
          "# Derived from WordNet 3.0 (Princeton University), see README.md. "
          "Adjective<TAB>nouns and verbs it derives from.", adjective_bases(wn))
    write(os.path.join(out_dir, "negated-en.tsv"),
          "# Derived from WordNet 3.0 (Princeton University), see README.md. "
          "Word<TAB>its antonym that it negates by a prefix.", negated_words(wn))


if __name__ == "__main__":
    main()
