#!/usr/bin/env python3
"""Consistency check for the extra gold annotations (evaluation/extra/*.gold.json).

For every gold file it checks that
  * the top-level keys are exactly text/entities/relations/statistics and the
    referenced text file exists;
  * every entity has id/type/name/aliases (optional note), a unique id, a type
    from the allowed set, and every alias occurs literally in the text body;
  * every relation has an allowed type, head/tail refer to existing entity ids
    (except tails with tail_is_title=true, only allowed for publishedBy/authoredBy),
    the head/tail types fit the guideline's signature, and the evidence string
    occurs literally in the text body;
  * every statistic has subject/metric/value/time/evidence (optional unit), a
    subject that is an existing id when it looks like one, and evidence that occurs
    literally in the text body.

"Text body" = the file content without the three leading `# ...` metadata lines
(stricter than checking the whole file: nothing may be matched in the header).

Usage: python3 check_gold.py [gold.json ...]   (default: all *.gold.json next to this script)
Exit status 0 iff zero problems.
"""
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = "/work/shared/corpus/extra"

ENTITY_TYPES = {"Factory", "Place", "Person", "Organization", "Innovation",
                "Campaign", "Industry", "Event"}
RELATION_TYPES = {"locatedIn", "holdsPosition", "adopted", "belongsToIndustry",
                  "participatedIn", "publishedBy", "authoredBy"}
# allowed (head types, tail types) per relation, following /work/shared/gold/README.md
SIGNATURES = {
    "locatedIn": ({"Factory", "Organization", "Place"}, {"Place"}),
    "holdsPosition": ({"Person"}, {"Organization"}),
    "adopted": ({"Factory", "Place"}, {"Innovation"}),
    "belongsToIndustry": ({"Factory"}, {"Industry"}),
    "participatedIn": ({"Factory", "Place", "Organization"}, {"Campaign", "Event"}),
    "publishedBy": ({"Organization", "Person"}, None),
    "authoredBy": ({"Organization", "Person"}, None),
}
ENTITY_KEYS = ({"id", "type", "name", "aliases"}, {"note"})
RELATION_KEYS = ({"type", "head", "tail", "evidence"}, {"note", "tail_is_title", "title"})
STAT_KEYS = ({"subject", "metric", "value", "time", "evidence"}, {"unit"})


def body_of(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if all(line.startswith("# ") for line in lines[:3]):
        return "\n".join(lines[3:])
    return "\n".join(lines)  # e.g. the seed text, which has no header


def check_keys(obj, keys, where, problems):
    required, optional = keys
    missing = required - obj.keys()
    extra = obj.keys() - required - optional
    if missing:
        problems.append(f"{where}: missing keys {sorted(missing)}")
    if extra:
        problems.append(f"{where}: unexpected keys {sorted(extra)}")


def check_file(gold_path):
    problems = []
    with open(gold_path, encoding="utf-8") as f:
        gold = json.load(f)
    name = os.path.basename(gold_path)
    if set(gold) != {"text", "entities", "relations", "statistics"}:
        problems.append(f"{name}: top-level keys are {sorted(gold)}")
    text_path = os.path.join(CORPUS, gold.get("text", ""))
    if not os.path.isfile(text_path):  # allow checking the seed file too
        text_path = os.path.join(os.path.dirname(CORPUS), gold.get("text", ""))
    if not os.path.isfile(text_path):
        return [f"{name}: text file {text_path} not found"]
    if name.endswith(".gold.json") and name != gold["text"][:-4] + ".gold.json":
        problems.append(f"{name}: file name does not match text {gold['text']}")
    body = body_of(text_path)

    ids = {}
    names = set()
    for i, e in enumerate(gold["entities"]):
        where = f"{name} entity #{i} ({e.get('id')})"
        check_keys(e, ENTITY_KEYS, where, problems)
        if e.get("id") in ids:
            problems.append(f"{where}: duplicate id")
        ids[e.get("id")] = e.get("type")
        if e.get("type") not in ENTITY_TYPES:
            problems.append(f"{where}: bad type {e.get('type')!r}")
        if (e.get("type"), e.get("name")) in names:
            problems.append(f"{where}: duplicate name {e.get('name')}")
        names.add((e.get("type"), e.get("name")))
        if not isinstance(e.get("name"), str) or not e.get("name"):
            problems.append(f"{where}: empty name")
        aliases = e.get("aliases")
        if not isinstance(aliases, list):
            problems.append(f"{where}: aliases is not a list")
            continue
        if len(set(aliases)) != len(aliases):
            problems.append(f"{where}: duplicate aliases")
        for a in aliases:
            if not isinstance(a, str) or not a:
                problems.append(f"{where}: empty/non-string alias {a!r}")
            elif a not in body:
                problems.append(f"{where}: alias {a!r} not in text")

    for i, r in enumerate(gold["relations"]):
        where = f"{name} relation #{i} ({r.get('type')} {r.get('head')}->{r.get('tail')})"
        check_keys(r, RELATION_KEYS, where, problems)
        rtype = r.get("type")
        if rtype not in RELATION_TYPES:
            problems.append(f"{where}: bad relation type")
            continue
        heads, tails = SIGNATURES[rtype]
        if r.get("head") not in ids:
            problems.append(f"{where}: head is not an entity id")
        elif ids[r["head"]] not in heads:
            problems.append(f"{where}: head type {ids[r['head']]} not allowed for {rtype}")
        if r.get("tail_is_title"):
            if rtype not in ("publishedBy", "authoredBy"):
                problems.append(f"{where}: tail_is_title only for publishedBy/authoredBy")
            if not isinstance(r.get("tail"), str) or not r.get("tail"):
                problems.append(f"{where}: empty title tail")
        else:
            if rtype in ("publishedBy", "authoredBy"):
                problems.append(f"{where}: {rtype} needs tail_is_title: true")
            if r.get("tail") not in ids:
                problems.append(f"{where}: tail is not an entity id")
            elif tails is not None and ids[r["tail"]] not in tails:
                problems.append(f"{where}: tail type {ids[r['tail']]} not allowed for {rtype}")
        if "tail_is_title" in r and r["tail_is_title"] is not True:
            problems.append(f"{where}: tail_is_title must be true when present")
        ev = r.get("evidence")
        if not isinstance(ev, str) or not ev or ev not in body:
            problems.append(f"{where}: evidence {ev!r} not in text")
        if r.get("head") == r.get("tail"):
            problems.append(f"{where}: head == tail")

    seen = set()
    for i, r in enumerate(gold["relations"]):
        key = (r.get("type"), r.get("head"), r.get("tail"))
        if key in seen:
            problems.append(f"{name} relation #{i}: duplicate triple {key}")
        seen.add(key)

    for i, s in enumerate(gold["statistics"]):
        where = f"{name} statistic #{i} ({s.get('subject')} / {s.get('metric')})"
        check_keys(s, STAT_KEYS, where, problems)
        subj = s.get("subject")
        if not isinstance(subj, str) or not subj:
            problems.append(f"{where}: empty subject")
        elif re.fullmatch(r"E\d+", subj) and subj not in ids:
            problems.append(f"{where}: subject id not an entity")
        for k in ("metric", "value"):
            if not isinstance(s.get(k), str) or not s.get(k):
                problems.append(f"{where}: empty {k}")
        if not isinstance(s.get("time"), str):
            problems.append(f"{where}: time is not a string")
        ev = s.get("evidence")
        if not isinstance(ev, str) or not ev or ev not in body:
            problems.append(f"{where}: evidence {ev!r} not in text")
    return problems


def main(argv):
    paths = argv[1:] or sorted(glob.glob(os.path.join(HERE, "*.gold.json")))
    if not paths:
        print("no gold files found")
        return 1
    total = 0
    for p in paths:
        problems = check_file(p)
        with open(p, encoding="utf-8") as f:
            g = json.load(f)
        print(f"{os.path.basename(p)}: {len(g['entities'])} entities, "
              f"{len(g['relations'])} relations, {len(g['statistics'])} statistics, "
              f"{len(problems)} problems")
        for pr in problems:
            print("  -", pr)
        total += len(problems)
    print(f"TOTAL problems: {total}")
    return 0 if total == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
