#!/usr/bin/env bash
# The Spark hand-off (issue 17): loads ReplyGraph's CSV export of the interaction graph with Apache Spark, ranks it
# with PageRank written as Spark DataFrame iterations, and compares the ranking and the scores with ReplyGraph's own
# (`centrality --graph interaction --metric pagerank --weighted`). Not part of `swift test` or CI.
#
#   bash Scripts/spark-check.sh [ARCHIVE]        (default: the bundled sample)
#
# Installs what is missing: `pyspark` from PyPI into a throwaway virtualenv (.build-bench/spark-venv, git-ignored)
# and a Java runtime from Debian (openjdk-17-jre-headless) when `java` is not on PATH. GraphFrames is not on PyPI as
# a package Spark can load offline, so PageRank is written out as DataFrame iterations, with networkx's definition,
# the one ReplyGraph follows: damping 0.85, transition w(u,v) / Σ w(u,·), the rank of dangling users (no out-edge)
# spread evenly over all users, a uniform restart, and the iteration stopped once the L1 change is below
# n × 1e-6 (100 iterations at most). Self-loops are in the export (flagged `self_loop`) and left out here, as
# ReplyGraph's metrics leave them out. The two are then the same computation: the top 20 must agree and every
# score, both normalised to sum 1, must be within 1e-4.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh

WORK=.build-bench/spark
VENV=.build-bench/spark-venv
mkdir -p "$WORK"
ARCHIVE=("$@")

if ! command -v java >/dev/null 2>&1; then
  echo "installing a Java runtime (openjdk-17-jre-headless)" >&2
  apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >&2
fi
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pyspark" 2>/dev/null; then
  echo "installing pyspark into $VENV" >&2
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q pyspark >&2
fi

if [ -n "${REPLYGRAPH_BIN:-}" ]; then
  BIN=$REPLYGRAPH_BIN
else
  swift build -c release --product replygraph >&2
  BIN=$(swift build -c release --show-bin-path)/replygraph
fi
rm -rf "$WORK/csv"
"$BIN" export --quiet --graph interaction --to csv --csv-dialect graphframes -o "$WORK/csv" "${ARCHIVE[@]}"
"$BIN" centrality --quiet --graph interaction --metric pagerank --weighted --top 0 --format csv "${ARCHIVE[@]}" \
  > "$WORK/replygraph-pagerank.csv"

"$VENV/bin/python" - "$WORK" <<'PY'
import csv, sys, time
from pyspark.sql import SparkSession, functions as F

work = sys.argv[1]
spark = (SparkSession.builder.master("local[2]").appName("replygraph-check")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .config("spark.sql.shuffle.partitions", "4").getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
start = time.time()
nodes = spark.read.csv(f"{work}/csv/nodes.csv", header=True, multiLine=True, escape='"').select("id")
edges = (spark.read.csv(f"{work}/csv/edges.csv", header=True, multiLine=True, escape='"', inferSchema=True)
         .filter(F.col("self_loop") == F.lit(False))
         .select(F.col("src"), F.col("dst"), F.col("weight").cast("double").alias("w")))
n = nodes.count()
alpha, tolerance = 0.85, 1e-6
strength = edges.groupBy("src").agg(F.sum("w").alias("s")).filter(F.col("s") != 0)
# Transition probabilities; users without out-weight are dangling.
transitions = edges.join(strength, "src").select("src", "dst", (F.col("w") / F.col("s")).alias("p")).cache()
dangling = nodes.join(strength.select(F.col("src").alias("id")), "id", "left_anti").cache()
ranks = nodes.withColumn("x", F.lit(1.0 / n)).localCheckpoint()
for iteration in range(1, 101):
    dangling_sum = ranks.join(dangling, "id").agg(F.sum("x")).first()[0] or 0.0
    flow = (transitions.join(ranks.withColumnRenamed("id", "src"), "src")
            .groupBy("dst").agg(F.sum(F.col("x") * F.col("p")).alias("c")))
    following = (nodes.join(flow.withColumnRenamed("dst", "id"), "id", "left").fillna(0.0, ["c"])
                 .select("id", (alpha * (F.col("c") + dangling_sum / n) + (1 - alpha) / n).alias("x"))
                 .localCheckpoint())
    change = (following.join(ranks.withColumnRenamed("x", "old"), "id")
              .agg(F.sum(F.abs(F.col("x") - F.col("old")))).first()[0])
    ranks = following
    if change < n * tolerance:
        break
spark_scores = {row["id"]: row["x"] for row in ranks.collect()}
seconds = time.time() - start
spark.stop()

ours = {}
with open(f"{work}/replygraph-pagerank.csv", newline="") as f:
    for row in csv.DictReader(f):
        ours[row["handle"]] = float(row["pagerank"])

def normalised(scores):
    total = sum(scores.values())
    return {k: v / total for k, v in scores.items()}

def top(scores, k=20):
    # ReplyGraph's order: score descending, then handle compared ASCII case-insensitively.
    return [h for h, _ in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0].lower()))[:k]]

a, b = normalised(ours), normalised(spark_scores)
missing = set(a) ^ set(b)
worst = max(abs(a[h] - b[h]) for h in set(a) & set(b))
print(f"users: ReplyGraph {len(a)}, Spark {len(b)}; only in one: {len(missing)}")
print(f"Spark: {iteration} iterations in {seconds:.1f} s (local[2])")
print(f"largest difference of normalised scores: {worst:.2e} (limit 1e-4)")
ta, tb = top(a), top(b)
print(f"{'rank':<5} {'ReplyGraph':<22} {'score':>10}   {'Spark':<22} {'score':>10}")
for k, (x, y) in enumerate(zip(ta, tb), 1):
    print(f"{k:<5} @{x:<21} {a[x]:>10.6f}   @{y:<21} {b[y]:>10.6f}")
same_top = ta == tb
print(f"top 20 {'agree' if same_top else 'DIFFER'}; scores {'agree' if worst <= 1e-4 else 'DIFFER'}")
sys.exit(0 if same_top and worst <= 1e-4 and not missing else 1)
PY
