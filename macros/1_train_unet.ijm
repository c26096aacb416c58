// Trains a U-Net on a folder of slices and their labels (here: the bundled
// synthetic test images) and saves the model and its training history.
//   ImageJ:  Plugins > Macros > Run... and choose this file
//   batch:   ImageJ -batch macros/1_train_unet.ijm [output-folder]
// The output folder defaults to demo-output/macros next to test-images/.
root = File.getParent(File.getParent(getInfo("macro.filepath")));
out = getArgument();
if (out == "") out = root + "/demo-output/macros";
File.makeDirectory(File.getParent(out));
File.makeDirectory(out);

run("Train U-Net", "images=[" + root + "/test-images/train/images] labels=[" + root + "/test-images/train/labels]"
	+ " model=[" + out + "/unet.xrsm] epochs=6 steps_per_epoch=25 batch_size=8 patch_size=64 depth=3"
	+ " learning_rate=0.003 seed=1 plot=[" + out + "/training-history.png] overwrite=true");
Table.save(out + "/training-history.csv", "Training history");
print("Model saved to " + out + "/unet.xrsm");
