#!/usr/bin/env bash
# Scale benchmark (issue 17): every large-archive command on synthetic corpora of 1M, 3M and 10M tweets, with wall
# time and peak RSS from /usr/bin/time -v, and each command's ratios to `summary` of the same file (this shared VM's
# absolute times swing 2x between runs; ratios measured in the same run hold still). Then how time and memory grow
# from one size to the next.
#
#   bash Scripts/bench-scale.sh [SIZE...]        SIZE: 1m, 1m100k, 1m200k, 3m, 10m (default: 1m 1m100k 3m)
#   nice -n 10 bash Scripts/bench-scale.sh 1m 1m100k 3m 10m
#
# Corpora (cached in .build-bench/, git-ignored; about 200 MB per million tweets), all with --seed 3:
#   1m      gen_corpus.py --tweets 1000000  --authors 5000    (the issue's "1M tweets, 5k authors")
#   1m100k  gen_corpus.py --tweets 1000000  --authors 100000  (authors per tweet as at 3m and 10m: growth runs
#           1m100k -> 3m -> 10m scale tweets and users together)
#   1m200k  gen_corpus.py --tweets 1000000  --authors 200000  (the issue's "1M tweets, 200k authors")
#   3m      gen_corpus.py --tweets 3000000  --authors 300000
#   10m     gen_corpus.py --tweets 10000000 --authors 1000000 (2.0 GB; the script checks free disk space first)
# Outputs go to a scratch folder in .build-bench/ and are removed after each command (their size is reported).
# COMMANDS="summary pagerank ..." limits the commands (summary first: it is the reference of the ratios); RUNS=N
# repeats each (median wall time, largest RSS); REPLYGRAPH_BIN=path times that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh

WORK=.build-bench
mkdir -p "$WORK"
GEN=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
RUNS=${RUNS:-1}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1m 1m100k 3m)
COMMANDS=${COMMANDS:-"summary threads-json threads-csv pagerank communities promotions engagement graphml csv"}

corpus_args() {
  case $1 in
    1m) echo "1000000 5000" ;;
    1m100k) echo "1000000 100000" ;;
    1m200k) echo "1000000 200000" ;;
    3m) echo "3000000 300000" ;;
    10m) echo "10000000 1000000" ;;
    *) echo "unknown size $1 (1m, 1m100k, 1m200k, 3m, 10m)" >&2; exit 64 ;;
  esac
}

if [ -n "${REPLYGRAPH_BIN:-}" ]; then
  BIN=$REPLYGRAPH_BIN   # a release binary built beforehand (e.g. a copy, while the build folder is busy)
else
  swift build -c release --product replygraph >&2
  BIN=$(swift build -c release --show-bin-path)/replygraph
fi
OUT="$WORK/scale-out"
RESULTS="$WORK/scale-results.tsv"
: > "$RESULTS"

# command_line NAME CORPUS: the replygraph arguments of one benchmarked command.
command_line() {
  local name=$1 corpus=$2
  case $name in
    summary) echo summary --quiet "$corpus" ;;
    threads-json) echo threads --quiet --format json -o "$OUT/threads.json" "$corpus" ;;
    threads-csv) echo threads --quiet --format csv -o "$OUT/threads.csv" "$corpus" ;;
    pagerank) echo centrality --quiet --graph interaction --metric pagerank "$corpus" ;;
    communities) echo communities --quiet --graph interaction "$corpus" ;;
    promotions) echo promotions --quiet "$corpus" ;;
    engagement) echo engagement --quiet "$corpus" ;;
    graphml) echo export --quiet --to graphml -o "$OUT/tweets.graphml" "$corpus" ;;
    csv) echo export --quiet --to csv -o "$OUT/csv" "$corpus" ;;
    *) echo "unknown command $name" >&2; exit 64 ;;
  esac
}

# seconds FILE: wall clock from /usr/bin/time -v's "h:mm:ss" or "m:ss.ss".
seconds() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }
rss_kib() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }

for size in "${SIZES[@]}"; do
  read -r tweets authors <<< "$(corpus_args "$size")"
  corpus="$WORK/corpus_${tweets}_${authors}_s3.txt"
  if [ ! -s "$corpus" ]; then
    need=$((tweets / 1000000 * 250 + 250))   # MB, with room for the outputs
    avail=$(df -Pm "$WORK" | awk 'NR==2 {print $4}')
    if [ "$avail" -lt $((need * 4)) ]; then
      echo "not enough disk for $corpus: $avail MB free, want $((need * 4)) MB (corpus and outputs)" >&2
      exit 1
    fi
    echo "generating $corpus: $GEN --tweets $tweets --authors $authors --seed 3" >&2
    python3 "$GEN" --tweets "$tweets" --authors "$authors" --seed 3 -o "$corpus.part"
    mv "$corpus.part" "$corpus"
  fi
  bytes=$(stat -L -c %s "$corpus")
  for name in $COMMANDS; do
    walls=() rss=0 written=0
    for _ in $(seq "$RUNS"); do
      rm -rf "$OUT"; mkdir -p "$OUT"
      # shellcheck disable=SC2046
      if ! /usr/bin/time -v -o "$WORK/time.txt" "$BIN" $(command_line "$name" "$corpus") > "$OUT/stdout" 2> "$OUT/stderr"; then
        echo "FAILED: $size $name (see $OUT/stderr)" >&2
        tail -5 "$OUT/stderr" >&2
        walls+=(nan)
        break
      fi
      walls+=("$(seconds "$WORK/time.txt")")
      r=$(rss_kib "$WORK/time.txt"); [ "$r" -gt "$rss" ] && rss=$r
      written=$(du -sb "$OUT" | awk '{print $1}')
    done
    wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$bytes" "$name" "$wall" "$rss" "$written" | tee -a "$RESULTS" >&2
    rm -rf "$OUT"
  done
done

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$RESULTS" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = {}
for size, nbytes, name, wall, rss, written in rows:
    by.setdefault(size, {"bytes": int(nbytes), "cmds": {}})["cmds"][name] = (float(wall), int(rss) * 1024, int(written))
for size, d in by.items():
    s = d["cmds"].get("summary")
    print(f"\n{size}: {d['bytes'] / 1e6:.0f} MB")
    print(f"{'command':<14} {'seconds':>8} {'peak RSS':>10} {'written':>9} {'time/summary':>13} {'RSS/summary':>12} {'(RSS-summary)/written':>22}")
    for name, (wall, rss, written) in d["cmds"].items():
        tr = f"{wall / s[0]:.2f}x" if s and s[0] > 0 else ""
        mr = f"{rss / s[1]:.2f}x" if s else ""
        # What a command holds beyond reading, per byte it writes: only meaningful for the file writers.
        extra = f"{(rss - s[1]) / written:.2f}" if s and written > 10_000_000 else ""
        print(f"{name:<14} {wall:>8.2f} {rss / 1e9:>8.2f} GB {written / 1e6:>6.0f} MB {tr:>13} {mr:>12} {extra:>22}")
sizes = list(by)
for a, b in zip(sizes, sizes[1:]):
    ca, cb = by[a]["cmds"], by[b]["cmds"]
    f = by[b]["bytes"] / by[a]["bytes"]
    print(f"\ngrowth {a} -> {b} (file {f:.2f}x)")
    for name in ca:
        if name in cb and ca[name][0] > 0:
            print(f"  {name:<14} time {cb[name][0] / ca[name][0]:6.2f}x   RSS {cb[name][1] / ca[name][1]:6.2f}x")
PY
