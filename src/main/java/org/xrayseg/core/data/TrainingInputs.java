package org.xrayseg.core.data;

import java.util.List;

import org.xrayseg.core.io.SliceInput;

/**
 * The labelled data of a training run: files, folders or images in memory.
 *
 * @param images training images
 * @param labels their labels
 * @param validationImages held-out images; not given: split a slab off the training slices
 * @param validationLabels their labels (given if and only if {@code validationImages} is)
 * @param classNames the phases' names in the order of their label codes, or null for "code N"
 */
public record TrainingInputs(SliceInput images, SliceInput labels, SliceInput validationImages,
	SliceInput validationLabels, List<String> classNames)
{

	/** Inputs whose phases are called by their codes. */
	public TrainingInputs(final SliceInput images, final SliceInput labels, final SliceInput validationImages,
		final SliceInput validationLabels)
	{
		this(images, labels, validationImages, validationLabels, null);
	}

	/** @return every input, for checking that no output overwrites one */
	public SliceInput[] all() {
		return new SliceInput[] { images, labels, validationImages, validationLabels };
	}
}
