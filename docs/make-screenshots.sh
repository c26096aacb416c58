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
    exec java -Xmx3g --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED \
      --add-opens=java.desktop/sun.awt=ALL-UNNAMED -cp "$here/target/test-classes:$work/jars/*:$work/plugins/*" \
      org.xrayseg.imagej2.FijiLauncher "$@"
  }
else
  prefix=""
  launch() { exec java -Xmx3g -jar "$HOME/.m2/repository/net/imagej/ij/1.54p/ij-1.54p.jar" -ijpath "$work" "$@"; }
fi
"$here/bin/install-imagej" "$work" >/dev/null
export DISPLAY=:77
Xvfb "$DISPLAY" -screen 0 1280x860x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb $imagej 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 2
shot() { java "$here/docs/Screenshot.java" "$@"; }
# waits up to 2 minutes for a window whose name matches $1; prints its id
window() {
  for _ in $(seq 1 120); do
    id=$(xdotool search --name "$1" 2>/dev/null | head -n 1 || true)
    [ -n "$id" ] && { sleep 2; echo "$id"; return; }
    sleep 1
  done
  echo "no window $1" >&2
  return 1
}

# 1. the menu
launch >/dev/null 2>&1 &
imagej=$!
win=$(window "^ImageJ$")
xdotool windowmove "$win" 0 0
sleep 1
read -r x y < <(xdotool getwindowgeometry "$win" | awk '/Position/ {split($2, p, ","); print p[1], p[2]}')
# "Plugins" is the 7th menu of ImageJ's menu bar
xdotool mousemove $((x + 330)) $((y + 10)) click 1
sleep 1
# the last entry of the Plugins menu is X-Ray Segmentation: open its submenu
xdotool mousemove $((x + 350)) $((y + 156)) click 1
sleep 1
shot "$here/docs/${prefix}menu.png" 0 0 760 370
xdotool key Escape Escape
kill $imagej; wait $imagej 2>/dev/null || true

# 2. the dialog, 3. a segmented stack with its Dice table
cat > "$work/show.ijm" <<MACRO
File.openSequence("$here/test-images/test/images/");
run("Segment");
MACRO
launch -macro "$work/show.ijm" >/dev/null 2>&1 &
imagej=$!
dialog=$(window "^Segment$")
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
window "Evaluate Segmentation summary" >/dev/null
sleep 3
# the SciJava console opens on the logging library's start-up notice (the test runtime has no logging binding)
for w in $(xdotool search --name "^Console" 2>/dev/null); do xdotool windowunmap "$w"; done
sleep 1
shot "$here/docs/${prefix}segmented.png" 0 0 1000 760
kill $imagej 2>/dev/null || true; wait $imagej 2>/dev/null || true

# 4. Train from Annotations: strokes in the ROI Manager and the dialog, 5. the segmentation over the image
cat > "$work/strokes.ijm" <<MACRO
File.openSequence("$here/test-images/test/labels/");
reference = getTitle();
File.openSequence("$here/test-images/test/images/");
scan = getTitle();
roiManager("reset");
names = newArray("pore", "nickel", "YSZ");
codes = newArray(0, 128, 255);
for (z = 1; z <= nSlices; z += 2)
	for (p = 0; p < 3; p++) {
		selectImage(reference);
		setSlice(z);
		done = false;
		for (y = 10; y < 118 && !done; y += 7)
			for (x = 10; x < 96 && !done; x += 7)
				if (getPixel(x, y) == codes[p] && getPixel(x + 10, y) == codes[p] && getPixel(x + 20, y) == codes[p]) {
					selectImage(scan);
					setSlice(z);
					makeLine(x, y, x + 20, y);
					Roi.setStrokeWidth(3);
					Roi.setName(names[p]);
					Roi.setPosition(z);
					roiManager("add");
					done = true;
				}
	}
selectImage(reference);
close();
selectImage(scan);
setSlice(1);
run("Set... ", "zoom=300");
setLocation(0, 0);
roiManager("Show All with labels");
MACRO
cp "$work/strokes.ijm" "$work/dialog.ijm"
echo 'run("Train from Annotations");' >> "$work/dialog.ijm"
launch -macro "$work/dialog.ijm" >/dev/null 2>&1 &
imagej=$!
window "Train from Annotations" >/dev/null
for w in $(xdotool search --name "^Console" 2>/dev/null); do xdotool windowunmap "$w"; done
for w in $(xdotool search --name "Train from Annotations" 2>/dev/null); do xdotool windowmove "$w" 420 0; done
for w in $(xdotool search --name "^ROI Manager$" 2>/dev/null); do xdotool windowmove "$w" 0 430; done
sleep 1
shot "$here/docs/${prefix}annotations.png" 0 0 1000 700
xdotool key Escape
kill $imagej; wait $imagej 2>/dev/null || true

cp "$work/strokes.ijm" "$work/overlay.ijm"
cat >> "$work/overlay.ijm" <<MACRO
run("Train from Annotations", "model=[$work/strokes.xrsm] epochs=8 steps_per_epoch=10 batch_size=8 patch_size=64 depth=2 seed=1");
setLocation(420, 0);
run("Set... ", "zoom=300");
Table.setLocationAndSize(0, 440, 810, 200, "Training history");
selectImage(scan);
roiManager("Show None");
MACRO
launch -macro "$work/overlay.ijm" >/dev/null 2>&1 &
imagej=$!
for _ in $(seq 1 100); do sleep 6; xdotool search --name "images-labels" >/dev/null 2>&1 && break; done
sleep 5
for w in $(xdotool search --name "^Console" 2>/dev/null); do xdotool windowunmap "$w"; done
sleep 1
shot "$here/docs/${prefix}annotations-result.png" 0 0 820 650
kill $imagej 2>/dev/null || true; wait $imagej 2>/dev/null || true
echo "wrote docs/${prefix}menu.png docs/${prefix}dialog.png docs/${prefix}segmented.png docs/${prefix}annotations.png docs/${prefix}annotations-result.png"
