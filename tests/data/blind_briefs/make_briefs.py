"""Write the four blind-set briefs of a round into a scratch folder, with the FAQ's ids and a
copy of the catalogue (the only files the writers may read).

    python tests/data/blind_briefs/make_briefs.py /tmp/blindNN ROUND DATE LEARNER_SET SEARCH_SET \
        personas_a.txt personas_b.txt groups_a.txt groups_b.txt

ROUND and DATE go into the sets' headers (26, 2026-12-04); LEARNER_SET and SEARCH_SET are the
new sets' numbers (53 and 50 in round 25). The persona and group files are one per writer:
check them against the earlier rounds' lists (here, and the persona lists in the headers of
tests/data/learner_eval_*.yaml) before writing them, so no kind of person repeats. Then merge the
two halves of each set into tests/data (keep both headers; drop exact repeats, the first kept).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def main(argv: list[str]) -> None:
    out, round_number, date, learner, search, pa, pb, ga, gb = argv
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content" / "catalog", folder / "catalog", dirs_exist_ok=True)
    entries = yaml.safe_load((ROOT / "content" / "faq.yaml").read_text(encoding="utf-8"))["entries"]
    ids = "".join(f"{e['id']}: {e['question']}\n" for e in entries)
    (folder / "faq_ids.txt").write_text(ids, encoding="utf-8")
    for side, personas, groups in (("a", pa, ga), ("b", pb, gb)):
        sides = (("learner", learner, "PERSONAS", personas), ("search", search, "GROUPS", groups))
        for kind, number, fill, said in sides:
            own = {"53X" if kind == "learner" else "50X": f"{number}{side}", fill: Path(said).read_text()}
            own |= {"ROUND": round_number, "DATE": date, "/tmp/blind25": str(folder)}
            own[f"{kind}_header.txt"] = f"{kind}_header_{number}{side}.txt"
            for source, target in ((f"{kind}_template.md", f"brief_{kind}_{number}{side}.md"),
                                   (f"{kind}_header.txt", f"{kind}_header_{number}{side}.txt")):  # fmt: skip
                text = (HERE / source).read_text(encoding="utf-8")
                for placeholder, value in own.items():
                    text = text.replace(placeholder, value)
                (folder / target).write_text(text, encoding="utf-8")
    print(f"briefs written to {folder}: give each helper one brief, nothing else")


if __name__ == "__main__":
    main(sys.argv[1:])
