package org.xrayseg.core.train;

import java.io.File;

/**
 * The labelled data of a training run on disk: folders of slices or
 * (multi-page) image files.
 *
 * @param images training images
 * @param labels their labels
 * @param validationImages held-out images, or null to split a slab off the training slices
 * @param validationLabels their labels (null if and only if {@code validationImages} is)
 */
public record TrainingFiles(File images, File labels, File validationImages, File validationLabels) {

	/** @return every file that is read, for checking that no output overwrites one */
	File[] all() {
		return new File[] { images, labels, validationImages, validationLabels };
	}
}
