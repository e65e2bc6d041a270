"""Inputs for timing `./selectorate count` (counting/README.md): a real election as one-paper-per-line JSON,
and 1,000,000 synthetic papers as BLT and JSON. Usage: count_inputs.py OUT_DIR RCTAB_ORACLE_CASE_DIR"""
import json, random, sys, os
out = sys.argv[1]
oracle = sys.argv[2]  # rctab case folder with ballots.tsv and case.json
case = json.load(open(os.path.join(oracle, "case.json")))
rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(oracle, "ballots.tsv"), encoding="utf-8")][1:]
papers = []
for r in rows:
    ranks = []
    for cell in r[1:]:
        if cell == "" : ranks.append([])
        elif cell in ("#OVERVOTE", "#UWI"): ranks.append(None)
        else: ranks.append(cell.split("|"))
    papers += [ranks] * int(r[0])
random.Random(1).shuffle(papers)  # a scanner's order, not grouped
def clean(ranks):
    # Unnamed overvotes / write-ins are not in the JSON format: count them as skipped ranks here.
    return [m if m is not None else [] for m in ranks]
with open(os.path.join(out, "real-80k.json"), "w", encoding="utf-8") as f:
    f.write('{"title": "2013 Minneapolis Park Board (RCTab oracle), one paper per line",\n')
    f.write(' "candidates": ' + json.dumps(case["candidates"]) + ', "seats": 1,\n "ballots": [\n')
    f.write(",\n".join('{"ranks": ' + json.dumps(clean(p), ensure_ascii=False) + '}' for p in papers))
    f.write("\n]}\n")
# Synthetic, as counting's JMH BallotFiles: Plackett-Luce, 8 candidates, 1,000,000 papers.
def synth(n, cands, seed):
    rnd = random.Random(seed)
    pop = [10 + rnd.randrange(90) for _ in range(cands)]
    lw = [4 + 2 * k + (3 * cands if k == cands - 1 else 0) for k in range(cands)]
    for _ in range(n):
        length = 1 + rnd.choices(range(cands), lw)[0]
        w = pop[:]; order = []
        for _ in range(length):
            c = rnd.choices(range(cands), w)[0]; w[c] = 0; order.append(c)
        yield order
names = ["Candidate " + chr(65 + c) for c in range(8)]
synth_papers = list(synth(1_000_000, 8, 1))
with open(os.path.join(out, "synthetic-1m.blt"), "w") as f:
    f.write("8 1\n")
    for o in synth_papers: f.write("1 " + " ".join(str(c + 1) for c in o) + " 0\n")
    f.write("0\n" + "".join('"%s"\n' % n for n in names) + '"Benchmark"\n')
with open(os.path.join(out, "synthetic-1m.json"), "w") as f:
    f.write('{"candidates": ' + json.dumps(names) + ', "seats": 1,\n "ballots": [\n')
    f.write(",\n".join('{"ranks": ' + json.dumps([[names[c]] for c in o]) + '}' for o in synth_papers))
    f.write("\n]}\n")
