#!/bin/sh
# A real single-node Slurm on this machine, for benchmarks/bench_slurm.py (and by hand):
#   sh benchmarks/slurm_single_node.sh start DIR   # installs Debian's slurm-wlm and munge if needed (root)
#   sh benchmarks/slurm_single_node.sh stop DIR
# Its configuration, state and logs are in DIR; use it with SLURM_CONF=DIR/slurm.conf. The node offers
# its cores and one GPU "gres" bound to /dev/null (Slurm has no GPU-less GPU), so a job can ask for
# --gres=gpu:1 as on a GPU node; no real GPU is there.
set -eu
what=$1
dir=$(realpath -m "$2")
node=$(hostname)
export SLURM_CONF="$dir/slurm.conf"
case "$what" in
start)
    if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null
    fi
    mkdir -p "$dir/state" "$dir/spool"
    cores=$(nproc)
    memory=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
    cat > "$dir/slurm.conf" <<CONF
ClusterName=dlgrader
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
GresTypes=gpu
NodeName=$node CPUs=$cores RealMemory=$memory Gres=gpu:1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
    echo "NodeName=$node Name=gpu File=/dev/null Count=1" > "$dir/gres.conf"
    if ! pgrep -x munged >/dev/null; then
        mkdir -p /run/munge && chown munge:munge /run/munge
        [ -f /etc/munge/munge.key ] || mungekey --create
        chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge 2>/dev/null || true
        su -s /bin/sh munge -c munged
    fi
    slurmctld
    slurmd
    for _ in $(seq 30); do
        if sinfo -h -o %T 2>/dev/null | grep -q idle; then sinfo; exit 0; fi
        sleep 1
    done
    echo "slurm did not come up: see $dir/slurmctld.log and $dir/slurmd.log" >&2
    exit 1
    ;;
stop)
    scancel --name dlgrader 2>/dev/null || true
    for pid in "$dir/slurmd.pid" "$dir/slurmctld.pid"; do
        [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true
    done
    ;;
esac
