// Batch processing: segments several volumes with one model and scores each
// against its reference labels; one label folder and one Dice table per volume.
// Replace the list with your volumes (folders of slices or multi-page TIFFs).
root = File.getParent(File.getParent(getInfo("macro.filepath")));
out = getArgument();
if (out == "") out = root + "/demo-output/macros";
model = out + "/unet.xrsm";
names = newArray("train", "test");
File.makeDirectory(out + "/batch");

for (i = 0; i < names.length; i++) {
	volume = root + "/test-images/" + names[i];
	result = out + "/batch/" + names[i];
	run("Segment", "model=[" + model + "] input=[" + volume + "/images] output=[" + result + "-labels] overwrite=true");
	run("Evaluate Segmentation", "prediction=[" + result + "-labels] truth=[" + volume + "/labels]"
		+ " table=[" + result + "-dice.csv] overwrite=true");
	print(names[i] + ": mean Dice " + d2s(Table.get("Dice mean", Table.size("Dice") - 1, "Dice"), 4));
}
