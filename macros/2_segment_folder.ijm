// Segments every slice of a folder with a trained model and writes one label
// image per slice (run 1_train_unet.ijm first, or point "model" at your own).
root = File.getParent(File.getParent(getInfo("macro.filepath")));
out = getArgument();
if (out == "") out = root + "/demo-output/macros";

run("Segment", "model=[" + out + "/unet.xrsm] input=[" + root + "/test-images/test/images]"
	+ " output=[" + out + "/test-labels] tile_size=512 overlap=32 overwrite=true");
print("Label images written to " + out + "/test-labels");
