#!/usr/bin/env bash
# First-load size of each web page: the JavaScript and CSS its index.html loads before anything is clicked (lazy
# chunks excluded), raw and gzip -9. Run after a build (./mvnw -o package -DskipTests, or any verify).
set -euo pipefail
web="${1:-target/classes/META-INF/resources}"
printf '%-8s %10s %10s %10s %10s\n' page js js.gz css css.gz
for page in index signup/index hq/index store/index shop/index; do
  html="$web/$page.html"
  [ -f "$html" ] || continue
  js=0; jsgz=0; css=0; cssgz=0
  for asset in $(grep -o 'assets/[^"]*\.\(js\|css\)' "$html" | sort -u); do
    raw=$(wc -c < "$web/$asset"); gz=$(gzip -9c "$web/$asset" | wc -c)
    case "$asset" in
      *.js) js=$((js + raw)); jsgz=$((jsgz + gz)) ;;
      *.css) css=$((css + raw)); cssgz=$((cssgz + gz)) ;;
    esac
  done
  name=$(dirname "$page"); [ "$name" = . ] && name=landing
  printf '%-8s %10d %10d %10d %10d\n' "$name" "$js" "$jsgz" "$css" "$cssgz"
done
