#!/usr/bin/env bash
# One interleaved round, under the build lock: RCTab, then `./selectorate count` on the same ballots, each timed
# whole process (/usr/bin/time: wall, user+sys CPU, peak RSS), appended to BENCH_DIR/times.txt with the load average.
# Usage: bench.sh BENCH_DIR ROUND CASE
#   BENCH_DIR holds rctab (build.sh), inputs/ (count_inputs.py) and cfg/ (make_rctab_inputs.py)
#   CASE a1: RCTab on the 2013 park board ES&S xlsx (1 seat)  vs real-80k.json
#        a2: RCTab on real-80k.csv (the same papers as real-80k.json) vs real-80k.json
#        b:  RCTab on synthetic-1m.csv vs synthetic-1m.json and synthetic-1m.blt
set -u
export B=$(readlink -f "$1") R=$2 C=$3 ROOT=$(git -C "$(dirname "$(readlink -f "$0")")" rev-parse --show-toplevel)
T() { /usr/bin/time -o "$B/times.txt" -a -f "$R $C $1 %e s %U+%S cpu %M KB" "${@:2}" > /dev/null 2>&1; }
run() {
  echo "$R $C load $(cat /proc/loadavg)" >> "$B/times.txt"
  cd "$B/cfg"
  case $C in
    a1) T rctab-xlsx "$B/rctab" --cli park-1seat-xlsx.json --name bench
        cd "$ROOT" && T ours-json ./selectorate count "$B/inputs/real-80k.json" --method av --overvote skip --max-skipped 2 ;;
    a2) T rctab-csv "$B/rctab" --cli real-80k-csv.json --name bench
        cd "$ROOT" && T ours-json ./selectorate count "$B/inputs/real-80k.json" --method av --overvote skip --max-skipped 2 ;;
    b)  T rctab-csv "$B/rctab" --cli synthetic-1m-csv.json --name bench
        cd "$ROOT" && T ours-json ./selectorate count "$B/inputs/synthetic-1m.json" --method av
        T ours-blt ./selectorate count "$B/inputs/synthetic-1m.blt" --method av ;;
  esac
}
export -f run T
flock /tmp/selectorate-build.lock bash -c run
rm -rf "$B/cfg/output"  # RCTab's reports, CVR copy and audit log (144 MB for a million papers)
