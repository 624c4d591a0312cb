#!/bin/bash
# Submits an ecsim sweep to AWS Batch: an array job of SHARDS children (AWS
# Batch sets AWS_BATCH_JOB_ARRAY_INDEX; the count goes in as --shards) and a
# merge job that depends on the whole array. The scenario must already be on
# the EFS file system the job definition mounts at /data.
#
#   aws batch register-job-definition --cli-input-json file://deploy/aws-batch/job-definition.json
#   deploy/aws-batch/submit.sh QUEUE /data/scenario.yaml 16
#
# Prints the two job IDs. Needs the aws CLI, configured. AWS Batch array jobs
# have 2 to 10,000 children.
set -euo pipefail
queue=${1:?usage: submit.sh QUEUE SCENARIO [SHARDS]}
scenario=${2:?usage: submit.sh QUEUE SCENARIO [SHARDS]}
shards=${3:-8}
array=$(aws batch submit-job --job-name ecsim-sweep --job-queue "$queue" --job-definition ecsim-sweep \
  --array-properties size="$shards" --parameters scenario="$scenario",shards="$shards" \
  --query jobId --output text)
merge=$(aws batch submit-job --job-name ecsim-merge --job-queue "$queue" --job-definition ecsim-sweep \
  --depends-on jobId="$array" --container-overrides '{"command":["merge","/data/sweep"]}' \
  --query jobId --output text)
echo "$array"
echo "$merge"
