// Opens a label stack, calibrates it, and measures its microstructure: volume
// fraction, surfaces, triple-phase boundary, connectivity, tortuosity and sizes
// of every phase, saved as CSV; prints a few numbers read from the table.
root = File.getParent(File.getParent(getInfo("macro.filepath")));
out = getArgument();
if (out == "") out = root + "/demo-output/macros";

File.openSequence(root + "/test-images/test/labels/");
run("Properties...", "unit=micron pixel_width=0.5 pixel_height=0.5 voxel_depth=0.5");
run("Analyze Microstructure", "labels_image=[" + getTitle() + "] class_names=pore,nickel,YSZ"
	+ " table=[" + out + "/microstructure.csv] overwrite=true");
for (row = 0; row < Table.size("Microstructure"); row++)
	print(Table.getString("name", row, "Microstructure") + ": volume fraction "
		+ d2s(Table.get("volume_fraction", row, "Microstructure"), 4) + ", tortuosity in x "
		+ Table.getString("tortuosity_x", row, "Microstructure") + ", specific surface area "
		+ d2s(Table.get("specific_surface_area", row, "Microstructure"), 3) + " per " + Table.getString("unit", row, "Microstructure"));
close("*");
