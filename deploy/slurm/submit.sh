#!/bin/bash
# Submits an ecsim sweep to Slurm: an array job of SHARDS tasks (each one
# shard of the points) and a merge job that runs when they all succeed.
#
#   deploy/slurm/submit.sh scenario.yaml /shared/sweep 16
#
# ECSIM names the ecsim binary (default: ecsim on the PATH of the nodes).
# Prints the two job IDs: the array's, then the merge's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
scenario=${1:?usage: submit.sh SCENARIO DIR [SHARDS]}
dir=${2:?usage: submit.sh SCENARIO DIR [SHARDS]}
shards=${3:-8}
array=$(sbatch --parsable --array=0-$((shards - 1)) --export=ALL "$here/sweep.sbatch" "$scenario" "$dir")
merge=$(sbatch --parsable --dependency=afterok:"$array" --kill-on-invalid-dep=yes --export=ALL "$here/merge.sbatch" "$dir")
echo "$array"
echo "$merge"
