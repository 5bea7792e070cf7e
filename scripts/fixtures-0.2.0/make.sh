#!/usr/bin/env bash
# Makes the 0.2.0 fixtures of "Trainer and the command line, split by concern": files written
# by Chainrule 0.2.0 (commit 75c11d8, before the trainer and the CLI were split), which today's
# code must load and resume bit for bit. Run from anywhere; needs git, Maven and a JDK 17.
#   nn/src/test/resources/org/chainrule/nn/train/v020/        Trainer checkpoint (TrainerFixture.java)
#   examples/src/test/resources/org/chainrule/examples/v020/   train --save, --resume and predict
# The fixtures are committed; tests never run this script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/scripts/fixtures-0.2.0"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/v020" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add --detach "$work/v020" 75c11d8 >/dev/null
(cd "$work/v020" && mvn -B -q -Dstyle.color=never -DskipTests -Dmaven.javadoc.skip=true \
    -Dmaven.source.skip=true -Dinvoker.skip=true package)
jar="$work/v020/examples/target/chainrule.jar"
run() { java --add-modules jdk.incubator.vector -jar "$jar" "$@" 2>>"$work/stderr.log"; }

lib="$root/nn/src/test/resources/org/chainrule/nn/train/v020"
rm -rf "$lib" && mkdir -p "$lib"
java --add-modules jdk.incubator.vector -cp "$jar" "$here/TrainerFixture.java" "$lib" 2>>"$work/stderr.log"

cli="$root/examples/src/test/resources/org/chainrule/examples/v020"
rm -rf "$cli" && mkdir -p "$cli"
java -cp "$jar" "$here/TrainerFixture.java" csv "$cli"
cd "$work"
cp "$cli/houses.csv" "$cli/points.csv" .
houses=(--csv houses.csv --label price --task regression --ignore id --hidden 5 --optimizer adam
    --validation-ratio 0.25 --patience 4 --seed 2 --out pictures)
xor=(--dataset xor --examples 80 --hidden 4 --optimizer momentum --seed 5 --out pictures)
# the flags of each run, one per line, for the test to repeat them
printf '%s\n' "${houses[@]}" > "$cli/houses.flags"
printf '%s\n' "${xor[@]}" > "$cli/xor.flags"
for name in houses xor; do
  declare -n flags="$name"
  run train "${flags[@]}" --epochs 3 --save "$name.model" >> "$work/stdout.log"
  cp "$name.model" "$name-resumed.model"
  run train "${flags[@]}" --epochs 5 --resume "$name-resumed.model" | sed "s#$work/##g" > "$cli/$name-resume.out"
  cp "$name.model" "$name-resumed.model" "$cli/"
done
run predict --model houses.model --csv houses.csv --out "$cli/houses-predictions.csv" >> "$work/stdout.log"
run predict --model xor.model --csv points.csv --out "$cli/xor-predictions.csv" >> "$work/stdout.log"
echo "fixtures written to $lib and $cli"
