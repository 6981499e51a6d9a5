#!/usr/bin/env bash
# Seeds corpus/parse and corpus/tokenize (not committed) with 300 .py files
# spread evenly over CPython's Lib, plus every file of ../tests/invalid.
set -euo pipefail
cd "$(dirname "$0")"
lib=$(python3 -c "import sysconfig; print(sysconfig.get_path('stdlib'))")
mapfile -t lib_files < <(
    find "$lib" -path "$lib/site-packages" -prune -o -name '*.py' -type f -print | LC_ALL=C sort
)
step=$((${#lib_files[@]} / 300 + 1))
for target in parse tokenize; do
    mkdir -p "corpus/$target"
    for ((i = 0; i < ${#lib_files[@]}; i += step)); do
        rel=${lib_files[i]#"$lib"/}
        cp "${lib_files[i]}" "corpus/$target/lib_${rel//\//_}"
    done
    for file in ../tests/invalid/*; do
        cp "$file" "corpus/$target/invalid_$(basename "$file")"
    done
done
echo "seeded corpus/parse and corpus/tokenize with $(ls corpus/parse | wc -l) files each"
