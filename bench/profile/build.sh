#!/usr/bin/env bash
# Builds bench/out/parallax-prof: parallax with bench/profile/profile.go.in
# added through `go build -overlay`, so that PARALLAX_CPUPROFILE and
# PARALLAX_HEAPPROFILE profile any command (see profile.go.in). Then:
#
#	PARALLAX_CPUPROFILE=bench/out/cpu.prof PARALLAX_PROFILE_SECONDS=60 bench/out/parallax-prof compare big.jsonl ...
#	go tool pprof -top bench/out/parallax-prof bench/out/cpu.prof
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p bench/out
printf '{"Replace": {"%s": "%s"}}\n' "$PWD/cmd/parallax/zz_profile.go" "$PWD/bench/profile/profile.go.in" > bench/out/overlay.json
go build -overlay bench/out/overlay.json -o bench/out/parallax-prof ./cmd/parallax
