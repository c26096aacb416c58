// Trains from a few strokes per phase instead of complete labels: opens the
// bundled test stack, adds line ROIs named after their phase on 5 of its 18
// slices, runs "Train from Annotations" (the segmentation is shown over the
// image), then adds one more ROI and runs it again: the second run continues
// from the first run's model. Finally scores both runs against the complete
// reference labels. By hand: draw a line on a phase, press Ctrl+T, rename the
// ROI after its phase (pore, nickel, YSZ), repeat, then run the command.
root = File.getParent(File.getParent(getInfo("macro.filepath")));
out = getArgument();
if (out == "") out = root + "/demo-output/macros";
File.makeDirectory(File.getParent(out));
File.makeDirectory(out);

// the reference labels stand in for the eye of the person annotating
File.openSequence(root + "/test-images/train/labels/");
reference = getTitle();
File.openSequence(root + "/test-images/train/images/");
stack = getTitle();
roiManager("reset");
phases = newArray("pore", "nickel", "YSZ");
codes = newArray(0, 128, 255);
for (z = 1; z <= nSlices; z += 4)
	for (p = 0; p < phases.length; p++)
		stroke(z, p, 0);

settings = "epochs=4 steps_per_epoch=10 batch_size=8 patch_size=64 depth=2 base_filters=16 seed=1";
run("Train from Annotations", "model=[" + out + "/annotations.xrsm] start_over=true " + settings);
rename("first-run-labels");
// the ROI Manager now also shows where annotating next would help most (annotate-1 ... annotate-10)
print("First run: " + rois());

// one more stroke, on a slice not annotated yet: the model is refined, not restarted
selectImage(stack);
stroke(3, 1, 1);
run("Train from Annotations", "model=[" + out + "/annotations.xrsm] " + settings);
saveAs("Tiff", out + "/annotation-labels.tif");
print("Second run: " + rois() + ", labels saved to " + out + "/annotation-labels.tif");
// phases get the codes 1, 2, 3 in the order of their names (nickel, pore, YSZ): give them the reference's codes
for (z = 1; z <= nSlices; z++) {
	setSlice(z);
	changeValues(1, 1, 128);
	changeValues(2, 2, 0);
	changeValues(3, 3, 255);
}
rename("scored-labels");
run("Evaluate Segmentation", "prediction_image=[scored-labels] truth_image=[" + reference + "]");
print("Mean Dice against the complete labels: " + d2s(Table.get("Dice mean", 3, "Dice"), 4));
close("*");

// Adds a 3-pixel-wide line ROI named after phase p on slice z, where the
// reference shows that phase along 12 pixels (the nth such place).
function stroke(z, p, nth) {
	selectImage(reference);
	setSlice(z);
	found = 0;
	for (y = 6; y < getHeight() - 6; y += 9)
		for (x = 6; x < getWidth() - 18; x += 9)
			if (getPixel(x, y) == codes[p] && getPixel(x + 6, y) == codes[p] && getPixel(x + 12, y) == codes[p]) {
				if (found == nth) {
					selectImage(stack);
					setSlice(z);
					makeLine(x, y, x + 12, y);
					Roi.setStrokeWidth(3);
					Roi.setName(phases[p]);
					Roi.setPosition(z);
					roiManager("add");
					return;
				}
				found++;
			}
}

// "N annotation ROIs and M suggested regions" of the ROI Manager
function rois() {
	suggested = 0;
	for (i = 0; i < roiManager("count"); i++)
		if (startsWith(RoiManager.getName(i), "annotate-")) suggested++;
	return "" + (roiManager("count") - suggested) + " annotation ROIs and " + suggested + " suggested regions";
}
