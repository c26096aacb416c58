package org.xrayseg.core.data;

import org.xrayseg.core.io.SliceInput;

/**
 * The labelled data of a training run: files, folders or images in memory.
 *
 * @param images training images
 * @param labels their labels
 * @param validationImages held-out images; not given: split a slab off the training slices
 * @param validationLabels their labels (given if and only if {@code validationImages} is)
 */
public record TrainingInputs(SliceInput images, SliceInput labels, SliceInput validationImages,
	SliceInput validationLabels)
{

	/** @return every input, for checking that no output overwrites one */
	public SliceInput[] all() {
		return new SliceInput[] { images, labels, validationImages, validationLabels };
	}
}
