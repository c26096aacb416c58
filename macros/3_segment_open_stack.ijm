// Opens a folder of slices as a stack, segments the open stack and saves the
// label stack (shown with one colour per phase, calibrated like the input).
root = File.getParent(File.getParent(getInfo("macro.filepath")));
out = getArgument();
if (out == "") out = root + "/demo-output/macros";

File.openSequence(root + "/test-images/test/images/");
stack = getTitle();
run("Segment", "model=[" + out + "/unet.xrsm] image=[" + stack + "]");
print("Segmented " + stack + " into " + getTitle() + " (" + nSlices + " slices)");
saveAs("Tiff", out + "/open-stack-labels.tif");
close("*");
