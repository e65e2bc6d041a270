"""Compares an RCTab detailed_report.json with `./selectorate count --format json` round by round:
candidates' tallies, winner(s). Usage: compare.py RCTAB_REPORT OURS_JSON"""
import json, sys
r = json.load(open(sys.argv[1])); o = json.load(open(sys.argv[2]))
rr = [{k: float(v) for k, v in x["tally"].items()} for x in r["results"]]
oo = [{k: float(v) for k, v in s["tallies"].items()} for s in o["stages"]]
rw = [k for x in r["results"] for t in x["tallyResults"] for k in ([t["elected"]] if "elected" in t else [])]
print("rounds: rctab %d, ours %d; winners: rctab %s, ours %s" % (len(rr), len(oo), rw, o["elected"]))
bad = 0
for i, (a, b) in enumerate(zip(rr, oo), 1):
    a = {k: v for k, v in a.items() if v or k in b}
    if a != b:
        bad += 1; print("round", i, "differs:", {k: (a.get(k), b.get(k)) for k in set(a) | set(b) if a.get(k) != b.get(k)})
print("MATCH" if not bad and len(rr) == len(oo) and rw == o["elected"] else "DIFFER")
