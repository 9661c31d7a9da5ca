"""Score extraction records against hand-checked gold answers.

A copy of ``../shared/score.py``, used by the unseen-fixture test only when
``../shared`` is not beside the checkout (the shared file wins when present).

    python3 ../shared/score.py PREDICTED GOLD_DIR [--min 0.9] [--json] [--field present]

PREDICTED is a JSON file holding one record or a list of records, a JSON-lines
file, or a folder of such files (the output of `kg extract --format json`).
GOLD_DIR holds one `<stem>.json` per document (see SCHEMA.md). Records are
paired with gold answers by the stem of their "source". A gold document with
no record scores 0 on every field.

Prints precision, recall and F1 per field and per document, then the macro
F1 over fields as the last line. Exits 1 when --min is given and the overall
F1 is below it. Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

HONORIFICS = {
    "cllr", "councillor", "cc", "dr", "doctor", "mr", "mrs", "ms", "miss", "mx",
    "prof", "professor", "sir", "dame", "lord", "lady", "rev", "revd", "reverend",
    "pcc", "acc", "dcc", "cc.", "det", "detective", "superintendent", "supt",
    "chief", "inspector", "insp", "constable", "sergeant", "sgt", "ch",
    "assistant", "deputy", "the", "hon", "rt",
}
POSTNOMINALS = {"mbe", "obe", "cbe", "kbe", "dbe", "qpm", "jp", "dl", "mp", "phd", "frcp", "frcgp"}
SHORT_FORMS = {
    "chris": "christopher", "andy": "andrew", "pete": "peter", "mike": "michael",
    "mick": "michael", "steve": "stephen", "steven": "stephen", "dave": "david",
    "jon": "jonathan", "jonny": "jonathan", "tim": "timothy", "rob": "robert",
    "bob": "robert", "bill": "william", "will": "william", "liz": "elizabeth",
    "beth": "elizabeth", "kate": "katherine", "kathy": "katherine", "cathy": "catherine",
    "jim": "james", "jamie": "james", "tom": "thomas", "tony": "anthony",
    "nick": "nicholas", "sue": "susan", "ben": "benjamin", "dan": "daniel",
    "danny": "daniel", "matt": "matthew", "sam": "samuel", "alex": "alexander",
    "pat": "patricia", "jo": "joanne", "jenny": "jennifer", "jennie": "jennifer",
    "rich": "richard", "rick": "richard", "dick": "richard", "ed": "edward",
    "ted": "edward", "greg": "gregory", "phil": "philip", "ray": "raymond",
    "ron": "ronald", "don": "donald", "joe": "joseph", "vince": "vincent",
    "nigel": "nigel", "fred": "frederick", "gerry": "gerald", "jeff": "jeffrey",
    "ken": "kenneth", "len": "leonard", "les": "leslie", "mandy": "amanda",
    "nicky": "nicola", "nikki": "nicola", "becky": "rebecca", "vicky": "victoria",
    "debbie": "deborah", "di": "diane", "val": "valerie", "gill": "gillian",
}
FIELDS = ("present", "apologies", "deputies", "items", "actions", "decisions",
          "programmes", "meeting")


def fold(text: str | None) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^\w' -]+", " ", text.casefold())
    return re.sub(r"\s+", " ", text).strip()


def person_key(name: str | None) -> str:
    words = [w.strip("'") for w in fold(re.sub(r"\([^)]*\)", " ", name or "")).split()]
    while words and words[0].rstrip(".") in HONORIFICS and len(words) > 2:
        words.pop(0)
    if words and words[0].rstrip(".") in HONORIFICS and len(words) == 2 and words[0] in {"cllr", "councillor", "dr", "mr", "mrs", "ms", "pcc", "acc", "prof"}:
        words.pop(0)
    while words and words[-1] in POSTNOMINALS:
        words.pop()
    if not words:
        return ""
    first = SHORT_FORMS.get(words[0], words[0])
    return " ".join([first] + words[1:]) if len(words) > 1 else first


def similar(a: str | None, b: str | None) -> float:
    a, b = fold(a), fold(b)
    if not a or not b:
        return 1.0 if a == b else 0.0
    if a == b:
        return 1.0
    ratio = SequenceMatcher(None, a, b).ratio()
    wa, wb = set(a.split()), set(b.split())
    overlap = len(wa & wb) / max(1, min(len(wa), len(wb)))
    return max(ratio, 0.95 * overlap if min(len(wa), len(wb)) >= 2 else 0.0)


def prf(tp: float, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    if n_pred == 0 and n_gold == 0:
        return 1.0, 1.0, 1.0
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def greedy(pred: list, gold: list, score, floor: float) -> float:
    """Pair predictions with gold answers best-first; returns the summed credit."""
    pairs = sorted(((score(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True)
    used_p, used_g, credit = set(), set(), 0.0
    for s, i, j in pairs:
        if s < floor or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        credit += 1.0
    return credit


def people(entries) -> list[dict]:
    out = []
    for e in entries or []:
        e = {"name": e} if isinstance(e, str) else dict(e)
        e["key"] = person_key(e.get("name"))
        if e["key"]:
            out.append(e)
    return out


def score_people(pred, gold) -> tuple[float, int, int]:
    p, g = people(pred), people(gold)
    def match(a, b):
        if a["key"] != b["key"]:
            return 0.0
        if b.get("organisation"):
            return 1.0 if similar(a.get("organisation"), b["organisation"]) >= 0.8 else 0.75
        return 1.0
    # a person counts as found by name; a wrong or missing organisation costs a quarter
    pairs = sorted(((match(a, b), i, j) for i, a in enumerate(p) for j, b in enumerate(g)), reverse=True)
    used_p, used_g, credit = set(), set(), 0.0
    for s, i, j in pairs:
        if s <= 0 or i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        credit += s
    return credit, len(p), len(g)


def score_deputies(pred, gold):
    def key(e):
        return (person_key(e.get("name")), person_key(e.get("for")))
    p = [key(e) for e in pred or []]
    g = [key(e) for e in gold or []]
    return greedy(p, g, lambda a, b: float(a == b), 1.0), len(p), len(g)


def score_items(pred, gold):
    def s(a, b):
        num_a, num_b = fold(str(a.get("number") or "")), fold(str(b.get("number") or ""))
        t = similar(a.get("title"), b.get("title"))
        if num_a and num_b and num_a != num_b:
            t -= 0.2
        return t
    return greedy(pred or [], gold or [], s, 0.8), len(pred or []), len(gold or [])


def score_actions(pred, gold):
    def owners(e):
        return frozenset(person_key(o) for o in e.get("owners") or [] if person_key(o))
    def s(a, b):
        oa, ob = owners(a), owners(b)
        if not ob:
            return similar(a.get("text"), b.get("text"))
        if oa != ob:
            return 0.0
        bonus = 0.0
        if a.get("item") and b.get("item") and fold(str(a["item"])) == fold(str(b["item"])):
            bonus += 0.5
        if b.get("text") and a.get("text"):
            bonus += similar(a["text"], b["text"])
        return 1.0 + bonus
    return greedy(pred or [], gold or [], s, 1.0), len(pred or []), len(gold or [])


def score_decisions(pred, gold):
    def s(a, b):
        return similar(a.get("text"), b.get("text"))
    return greedy(pred or [], gold or [], s, 0.6), len(pred or []), len(gold or [])


def score_programmes(pred, gold):
    def s(a, b):
        fa, fb = fold(a), fold(b)
        if fa and fb and (fa in fb or fb in fa) and min(len(fa), len(fb)) >= 4:
            return 1.0
        return similar(a, b)
    return greedy(list(pred or []), list(gold or []), s, 0.85), len(pred or []), len(gold or [])


def score_meeting(pred, gold):
    """body, date, location, previous_meeting and next_meetings as one field."""
    tp = n_pred = n_gold = 0
    for field, fuzzy in (("body", True), ("date", False), ("location", True), ("previous_meeting", False)):
        g, p = gold.get(field), pred.get(field)
        n_gold += g is not None
        n_pred += p is not None
        if g is not None and p is not None:
            tp += (similar(p, g) >= 0.85) if fuzzy else (str(p) == str(g))
    g_next, p_next = set(gold.get("next_meetings") or []), set(pred.get("next_meetings") or [])
    tp += len(g_next & p_next)
    n_gold += len(g_next)
    n_pred += len(p_next)
    return tp, n_pred, n_gold


SCORERS = {
    "present": lambda p, g: score_people(p.get("present"), g.get("present")),
    "apologies": lambda p, g: score_people(p.get("apologies"), g.get("apologies")),
    "deputies": lambda p, g: score_deputies(p.get("deputies"), g.get("deputies")),
    "items": lambda p, g: score_items(p.get("items"), g.get("items")),
    "actions": lambda p, g: score_actions(p.get("actions"), g.get("actions")),
    "decisions": lambda p, g: score_decisions(p.get("decisions"), g.get("decisions")),
    "programmes": lambda p, g: score_programmes(p.get("programmes"), g.get("programmes")),
    "meeting": score_meeting,
}


def load_records(path: Path) -> list[dict]:
    files = sorted(path.rglob("*.json*")) if path.is_dir() else [path]
    records = []
    for f in files:
        text = f.read_text(encoding="utf-8").strip()
        if not text:
            continue
        try:
            data = json.loads(text)
            records.extend(data if isinstance(data, list) else [data])
        except json.JSONDecodeError:
            records.extend(json.loads(line) for line in text.splitlines() if line.strip())
    return [r for r in records if isinstance(r, dict)]


def stem(source: str | None) -> str:
    name = re.split(r"[\\/]", str(source or ""))[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("predicted", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--min", type=float, default=None, help="exit 1 when the overall F1 is below this")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--field", action="append", choices=FIELDS, help="score only these fields")
    args = ap.parse_args(argv)

    fields = args.field or list(FIELDS)
    predicted = {stem(r.get("source")): r for r in load_records(args.predicted)}
    golds = {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(args.gold.glob("*.json"))}
    if not golds:
        print(f"no gold answers in {args.gold}", file=sys.stderr)
        return 2

    totals = {f: [0.0, 0, 0] for f in fields}
    per_doc = {}
    for name, gold in golds.items():
        pred = predicted.get(name, {})
        row = {}
        for f in fields:
            tp, n_pred, n_gold = SCORERS[f](pred, gold)
            totals[f][0] += tp
            totals[f][1] += n_pred
            totals[f][2] += n_gold
            row[f] = round(prf(tp, n_pred, n_gold)[2], 3)
        row["found"] = name in predicted
        per_doc[name] = row

    summary = {f: dict(zip(("precision", "recall", "f1"), (round(x, 3) for x in prf(*totals[f])))) for f in fields}
    overall = round(sum(s["f1"] for s in summary.values()) / len(summary), 3)
    if args.json:
        print(json.dumps({"fields": summary, "documents": per_doc, "overall_f1": overall}, indent=2))
    else:
        print(f"{'field':<12}{'precision':>10}{'recall':>8}{'f1':>7}")
        for f, s in summary.items():
            print(f"{f:<12}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['f1']:>7.3f}")
        print()
        print(f"{'document':<28}" + "".join(f"{f[:6]:>8}" for f in fields))
        for name, row in per_doc.items():
            mark = "" if row["found"] else "  (no record)"
            print(f"{name[:27]:<28}" + "".join(f"{row[f]:>8.2f}" for f in fields) + mark)
        print()
        print(f"overall F1 {overall:.3f} over {len(golds)} documents")
    if args.min is not None and overall < args.min:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
