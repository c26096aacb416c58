package org.xrayseg.imagej1;

import java.io.File;
import java.util.List;

import ij.IJ;
import ij.ImagePlus;
import ij.plugin.LutLoader;
import ij.process.LUT;

import org.scijava.module.Module;

/**
 * "Segment" from the menu or a macro: besides the labels, the probabilities
 * and the confidence maps it was asked to write open as images, the
 * confidence with an inverted "fire" LUT on 0-1, so that low confidence is
 * bright and stands out.
 */
public class SegmentPlugin extends CommandPlugin {

	static final String COMMAND = "segment";

	@Override
	public void run(final String arg) {
		super.run(COMMAND);
	}

	@Override
	protected void shown(final Module module, final ImagePlus input, final List<ImagePlus> labels) {
		final ImagePlus probabilities = open(module.getInput("probabilities"));
		if (probabilities != null) probabilities.show();
		final ImagePlus confidence = open(module.getInput("confidence"));
		if (confidence != null) {
			final java.awt.image.IndexColorModel fire = LutLoader.getLut("fire");
			if (fire != null) confidence.setLut(new LUT(fire, 0, 1).createInvertedLut());
			confidence.setDisplayRange(0, 1);
			confidence.show();
		}
	}

	/** @return the written stack (a .tif) or the folder's slices as one stack, or null if none was asked for */
	private static ImagePlus open(final Object output) {
		if (!(output instanceof File f) || !f.exists()) return null;
		if (f.isDirectory()) {
			final ImagePlus imp = ij.plugin.FolderOpener.open(f.getPath());
			if (imp != null) imp.setTitle(f.getName());
			return imp;
		}
		return IJ.openImage(f.getPath());
	}
}
