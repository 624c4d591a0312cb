#!/bin/bash
# A single-node Slurm on this machine, for trying deploy/slurm and for the
# integration test (cmd/ecsim TestSweepOnSlurm): slurmctld and slurmd on
# localhost with a minimal slurm.conf, under DIR. Needs root and Debian's
# slurm-wlm and munge packages.
#
#   deploy/slurm/local-cluster.sh start /tmp/slurm   # then export SLURM_CONF=/tmp/slurm/slurm.conf
#   deploy/slurm/local-cluster.sh stop /tmp/slurm
set -euo pipefail
cmd=${1:?usage: local-cluster.sh start|stop DIR}
dir=${2:?usage: local-cluster.sh start|stop DIR}
conf="$dir/slurm.conf"
case "$cmd" in
start)
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/run"
  host=$(hostname -s)
  cat >"$conf" <<CONF
ClusterName=ecsim
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/run/slurmctld.pid
SlurmdPidFile=$dir/run/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
JobCompType=jobcomp/none
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
  if ! pgrep -x munged >/dev/null; then
    mkdir -p /run/munge
    chown munge:munge /run/munge
    [ -f /etc/munge/munge.key ] || (mungekey --create 2>/dev/null || create-munge-key)
    su -s /bin/sh munge -c /usr/sbin/munged
  fi
  SLURM_CONF="$conf" slurmctld -f "$conf"
  SLURM_CONF="$conf" slurmd -f "$conf"
  for _ in $(seq 1 30); do
    if SLURM_CONF="$conf" sinfo -h -o %t 2>/dev/null | grep -q idle; then
      echo "Slurm up: export SLURM_CONF=$conf"
      exit 0
    fi
    sleep 1
  done
  echo "Slurm did not come up; see $dir/log" >&2
  exit 1
  ;;
stop)
  SLURM_CONF="$conf" scontrol shutdown 2>/dev/null || true
  for f in "$dir/run/slurmd.pid" "$dir/run/slurmctld.pid"; do
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true
  done
  # Wait for both daemons to exit: they write their state until then.
  for _ in $(seq 1 50); do
    alive=0
    for f in "$dir/run/slurmd.pid" "$dir/run/slurmctld.pid"; do
      if [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; then alive=1; fi
    done
    [ "$alive" = 0 ] && exit 0
    sleep 0.2
  done
  echo "Slurm daemons still running after 10 s" >&2
  ;;
*)
  echo "usage: local-cluster.sh start|stop DIR" >&2
  exit 2
  ;;
esac
