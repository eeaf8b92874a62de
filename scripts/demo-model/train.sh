#!/bin/sh
# Starts (or resumes) training in the background, niced, logging to runs/train.log.
# Debian's torch links the reference BLAS, ~10x slower for matmul than OpenBLAS. If KUMORI_BLAS_DIR
# (default /tmp/openblas/x/usr/lib/x86_64-linux-gnu/openblas-pthread, made by
#   mkdir -p /tmp/openblas && cd /tmp/openblas && apt-get download libopenblas0-pthread && dpkg -x libopenblas0-pthread*.deb x)
# exists, it is put first on LD_LIBRARY_PATH for this process only; the system is not changed.
cd "$(dirname "$0")"
BLAS="${KUMORI_BLAS_DIR:-/tmp/openblas/x/usr/lib/x86_64-linux-gnu/openblas-pthread}"
if [ -d "$BLAS" ]; then export LD_LIBRARY_PATH="$BLAS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
export OPENBLAS_NUM_THREADS="${KUMORI_TRAIN_THREADS:-1}"
mkdir -p runs
nohup nice -n 15 /usr/bin/python3 train.py >> runs/nohup.out 2>&1 &
echo "training started, pid $!; follow runs/train.log"
