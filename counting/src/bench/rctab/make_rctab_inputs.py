"""RCTab inputs for the same ballots as counting/src/bench/count_inputs.py: generic CSV CVRs (one paper per row,
one column per candidate holding the rank given, a skipped rank is a gap in the numbers) plus RCTab configs.
Usage: make_rctab_inputs.py INPUTS_DIR RCV_CHECKOUT OUT_DIR
(INPUTS_DIR from count_inputs.py; RCV_CHECKOUT a copy of BrightSpots/rcv, for the park board's config and xlsx)"""
import copy, json, os, sys
inp, rcv, out = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
data = os.path.join(os.path.abspath(rcv), "src/test/resources/network/brightspots/rcv/test_data")
base = json.load(open(os.path.join(data, "2013_minneapolis_park", "2013_minneapolis_park_config.json")))

def papers(path):
    # the files count_inputs.py writes hold one paper per line: {"ranks": [[name...], ...]}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip().rstrip(",")
            if line.startswith('{"ranks"'):
                yield json.loads(line)["ranks"]

def write_csv(src, dst, names):
    col = {n: i for i, n in enumerate(names)}
    with open(dst, "w", encoding="utf-8") as f:
        f.write(",".join(names) + "\n")
        for ranks in papers(src):
            cells = [""] * len(names)
            for r, mark in enumerate(ranks, 1):
                for n in mark:  # several names at one rank: an overvote there, as in the JSON
                    if cells[col[n]] == "":  # a repeat of a candidate is left out (a skipped rank)
                        cells[col[n]] = str(r)
            f.write(",".join(cells) + "\n")

def config(name, cvr, provider, names, rules, extra_source=None):
    c = copy.deepcopy(base)
    c["tabulatorVersion"] = "2.0.1"
    c["outputSettings"]["contestName"] = name
    src = c["cvrFileSources"][0]
    src.update({"filePath": cvr, "provider": provider})
    if provider == "genericCsv":
        src.update({"firstVoteColumnIndex": "1", "firstVoteRowIndex": "2", "precinctColumnIndex": "",
                    "overvoteLabel": "", "skippedRankLabel": "", "undeclaredWriteInLabel": ""})
    c["candidates"] = [{"name": n, "excluded": False, "aliases": []} for n in names]
    c["rules"].update(rules)
    return c

single = {"winnerElectionMode": "singleWinnerMajority", "numberOfWinners": "1"}
park_names = [x["name"] for x in base["candidates"]]
synth_names = ["Candidate " + chr(65 + c) for c in range(8)]

# a1: the real election in RCTab's own input (ES&S xlsx), single seat as `--method av` counts it
json.dump(config("2013 Minneapolis Park Board, 1 seat", os.path.join(data, "_shared",
      "2013_minneapolis_park_cvr.xlsx"), "ess", park_names, single), open(os.path.join(out, "park-1seat-xlsx.json"), "w"), indent=2)
# a2: the same papers as real-80k.json, in RCTab's generic CSV
write_csv(os.path.join(inp, "real-80k.json"), os.path.join(out, "real-80k.csv"), park_names)
json.dump(config("real-80k", "real-80k.csv", "genericCsv", park_names, single),
          open(os.path.join(out, "real-80k-csv.json"), "w"), indent=2)
# b: 1,000,000 synthetic papers, default rules of `--method av` (overvotes exhaust, skips unlimited; none occur)
write_csv(os.path.join(inp, "synthetic-1m.json"), os.path.join(out, "synthetic-1m.csv"), synth_names)
json.dump(config("synthetic-1m", "synthetic-1m.csv", "genericCsv", synth_names,
                 dict(single, overvoteRule="exhaustImmediately", maxSkippedRanksAllowed="unlimited",
                      maxRankingsAllowed="max")),
          open(os.path.join(out, "synthetic-1m-csv.json"), "w"), indent=2)
