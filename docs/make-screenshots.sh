#!/usr/bin/env bash
# Makes the screenshots of docs/: the menu, the Segment dialog, and a segmented
# stack with its Dice table, on a virtual display, in real ImageJ 1.54p
# (docs/menu.png ...) or, with the argument "fiji", in ImageJ2 with
# imagej-legacy as Fiji runs it (../shared/imagej2; docs/fiji-menu.png ...;
# needs mvn test-compile for the launcher).
# Needs: xvfb, xdotool (apt-get install xvfb xdotool). Uses demo-output/unet.xrsm
# (run bin/demo first).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
host="${1:-imagej}"
work="$(mktemp -d)"
if [ "$host" = fiji ]; then
  mkdir -p "$work/jars"
  ln -s "$here"/../shared/imagej2/jars/*.jar "$work/jars/"
  prefix="fiji-"
  launch() {
    java -Xmx3g --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
      --add-opens=java.desktop/sun.awt=ALL-UNNAMED -cp "$here/target/test-classes:$work/jars/*:$work/plugins/*" \
      org.xrayseg.imagej2.FijiLauncher "$@"
  }
else
  prefix=""
  launch() { java -Xmx3g -jar "$HOME/.m2/repository/net/imagej/ij/1.54p/ij-1.54p.jar" -ijpath "$work" "$@"; }
fi
"$here/bin/install-imagej" "$work" >/dev/null
export DISPLAY=:77
Xvfb "$DISPLAY" -screen 0 1280x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb $imagej 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 2
shot() { java "$here/docs/Screenshot.java" "$@"; }

# 1. the menu
launch >/dev/null 2>&1 &
imagej=$!
sleep 6
win=$(xdotool search --name "^ImageJ$" | head -n 1)
xdotool windowmove "$win" 0 0
sleep 1
read -r x y < <(xdotool getwindowgeometry "$win" | awk '/Position/ {split($2, p, ","); print p[1], p[2]}')
# "Plugins" is the 7th menu of ImageJ's menu bar
xdotool mousemove $((x + 330)) $((y + 10)) click 1
sleep 1
# the last entry of the Plugins menu is X-Ray Segmentation: open its submenu
xdotool mousemove $((x + 350)) $((y + 156)) click 1
sleep 1
shot "$here/docs/${prefix}menu.png" 0 0 760 330
xdotool key Escape Escape
kill $imagej; wait $imagej 2>/dev/null || true

# 2. the dialog, 3. a segmented stack with its Dice table
cat > "$work/show.ijm" <<MACRO
File.openSequence("$here/test-images/test/images/");
run("Segment");
MACRO
launch -macro "$work/show.ijm" >/dev/null 2>&1 &
imagej=$!
sleep 10
dialog=$(xdotool search --name "^Segment$" | head -n 1)
xdotool windowmove "$dialog" 0 0
sleep 1
read -r w h < <(xdotool getwindowgeometry "$dialog" | awk '/Geometry/ {split($2, g, "x"); print g[1], g[2]}')
shot "$here/docs/${prefix}dialog.png" 0 0 "$w" "$h"
xdotool key Escape
kill $imagej; wait $imagej 2>/dev/null || true

cat > "$work/result.ijm" <<MACRO
File.openSequence("$here/test-images/test/images/");
run("Set... ", "zoom=200");
setLocation(0, 100);
run("Segment", "model=[$here/demo-output/unet.xrsm] image=images");
run("Set... ", "zoom=200");
setLocation(290, 100);
File.openSequence("$here/test-images/test/labels/");
rename("reference");
run("Set... ", "zoom=200");
setLocation(580, 100);
run("Evaluate Segmentation", "prediction_image=images-labels truth_image=reference");
Table.setLocationAndSize(0, 420, 560, 190, "Dice");
Table.setLocationAndSize(580, 420, 420, 190, "Confusion matrix");
Table.setLocationAndSize(580, 620, 420, 110, "Evaluate Segmentation summary");
MACRO
launch -macro "$work/result.ijm" >/dev/null 2>&1 &
imagej=$!
sleep 25
# the SciJava console opens on the logging library's start-up notice (the test runtime has no logging binding)
for w in $(xdotool search --name "^Console" 2>/dev/null); do xdotool windowunmap "$w"; done
sleep 1
shot "$here/docs/${prefix}segmented.png" 0 0 1000 760
kill $imagej 2>/dev/null || true; wait $imagej 2>/dev/null || true
echo "wrote docs/${prefix}menu.png docs/${prefix}dialog.png docs/${prefix}segmented.png"
