#!/usr/bin/env bash
# Makes the screenshots of docs/: the menu, the Segment dialog, and a segmented
# stack with its Dice table, in real ImageJ 1.54p on a virtual display.
# Needs: xvfb, xdotool (apt-get install xvfb xdotool). Uses demo-output/unet.xrsm
# (run bin/demo first).
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
ij="$HOME/.m2/repository/net/imagej/ij/1.54p/ij-1.54p.jar"
work="$(mktemp -d)"
"$here/bin/install-imagej" "$work" >/dev/null
export DISPLAY=:77
Xvfb "$DISPLAY" -screen 0 1280x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb $imagej 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 2
shot() { java "$here/docs/Screenshot.java" "$@"; }

# 1. the menu
java -Xmx3g -jar "$ij" -ijpath "$work" >/dev/null 2>&1 &
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
shot "$here/docs/menu.png" 0 0 760 330
xdotool key Escape Escape
kill $imagej; wait $imagej 2>/dev/null || true

# 2. the dialog, 3. a segmented stack with its Dice table
cat > "$work/show.ijm" <<MACRO
File.openSequence("$here/test-images/test/images/");
run("Segment");
MACRO
java -Xmx3g -jar "$ij" -ijpath "$work" -macro "$work/show.ijm" >/dev/null 2>&1 &
imagej=$!
sleep 10
dialog=$(xdotool search --name "^Segment$" | head -n 1)
xdotool windowmove "$dialog" 0 0
sleep 1
read -r w h < <(xdotool getwindowgeometry "$dialog" | awk '/Geometry/ {split($2, g, "x"); print g[1], g[2]}')
shot "$here/docs/dialog.png" 0 0 "$w" "$h"
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
selectWindow("Log");
setLocation(580, 620);
MACRO
java -Xmx3g -jar "$ij" -ijpath "$work" -macro "$work/result.ijm" >/dev/null 2>&1 &
imagej=$!
sleep 25
shot "$here/docs/segmented.png" 0 0 1000 760
kill $imagej; wait $imagej 2>/dev/null || true
echo "wrote docs/menu.png docs/dialog.png docs/segmented.png"
