#!/bin/sh
# Starts (or resumes) the everyday model's training in the background, niced, logging to
# runs-everyday/train.log. OpenBLAS as in train.sh (for this process only).
cd "$(dirname "$0")"
BLAS="${KUMORI_BLAS_DIR:-/tmp/openblas/x/usr/lib/x86_64-linux-gnu/openblas-pthread}"
if [ -d "$BLAS" ]; then export LD_LIBRARY_PATH="$BLAS${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
export OPENBLAS_NUM_THREADS="${KUMORI_TRAIN_THREADS:-1}"
mkdir -p runs-everyday
nohup nice -n 15 /usr/bin/python3 train_everyday.py >> runs-everyday/nohup.out 2>&1 &
echo "training started, pid $!; follow runs-everyday/train.log"
