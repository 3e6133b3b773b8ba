#!/usr/bin/env bash
#SBATCH --job-name=sohoa-ingest
#SBATCH --array=0-7
#SBATCH --cpus-per-task=2
#SBATCH --time=24:00:00
#SBATCH --requeue
# One shard of a `sohoa ingest` run started N times by a scheduler, all
# writing one PostgreSQL archive (docs/distributed.md):
#   Slurm job array:          SOHOA_DB=postgresql://... sbatch scripts/shard_ingest.sh /shared/reports
#                             (shard = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT)
#   Kubernetes Indexed Job:   JOB_COMPLETION_INDEX of SOHOA_SHARDS (set it to .spec.completions)
# Environment: SOHOA_DB (required; the password best in PGPASSWORD or
# ~/.pgpass, never in the job script), SOHOA (default: sohoa on the PATH),
# SOHOA_JOBS (documents in parallel; default SLURM_CPUS_PER_TASK, else 1).
# The exit code is sohoa ingest's (0 all stored, 1 some files failed, 11
# archive error, 130 interrupted); a requeued or restarted shard resumes.
set -euo pipefail
if [[ -n "${SLURM_ARRAY_TASK_ID:-}" ]]; then
  index=$((SLURM_ARRAY_TASK_ID - ${SLURM_ARRAY_TASK_MIN:-0}))
  count=${SLURM_ARRAY_TASK_COUNT:?SLURM_ARRAY_TASK_COUNT is not set}
elif [[ -n "${JOB_COMPLETION_INDEX:-}" ]]; then
  index=$JOB_COMPLETION_INDEX
  count=${SOHOA_SHARDS:?set SOHOA_SHARDS to the number of completions}
else
  echo "shard_ingest.sh: not run as a Slurm array task or a Kubernetes Indexed Job (no SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)" >&2
  exit 2
fi
if [[ -z "${SOHOA_DB:-}" ]]; then
  echo "shard_ingest.sh: set SOHOA_DB to the PostgreSQL archive (postgresql://user@host/db)" >&2
  exit 2
fi
if [[ $# -eq 0 ]]; then
  echo "usage: shard_ingest.sh PATH... (files and folders to ingest)" >&2
  exit 2
fi
exec "${SOHOA:-sohoa}" ingest --shard "$index/$count" --jobs "${SOHOA_JOBS:-${SLURM_CPUS_PER_TASK:-1}}" \
  "$@" --db "$SOHOA_DB"
