// Scores a segmentation against reference labels: Dice and IoU per phase (mean
// and std over slices), saved as CSV, and prints the mean Dice of every phase.
root = File.getParent(File.getParent(getInfo("macro.filepath")));
out = getArgument();
if (out == "") out = root + "/demo-output/macros";

run("Evaluate Segmentation", "prediction=[" + out + "/test-labels] truth=[" + root + "/test-images/test/labels]"
	+ " table=[" + out + "/dice.csv] slice_table=[" + out + "/dice-per-slice.csv] overwrite=true");
for (row = 0; row < Table.size("Dice"); row++)
	print(Table.getString("phase", row, "Dice") + ": Dice " + d2s(Table.get("Dice mean", row, "Dice"), 4)
		+ " +- " + d2s(Table.get("Dice std", row, "Dice"), 4));
