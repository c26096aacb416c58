package org.xrayseg.core.model;

import org.xrayseg.core.data.DataFingerprint;
import org.xrayseg.core.data.LabelCoding;
import org.xrayseg.core.data.Normalization;

/**
 * Everything needed to use a trained network besides its weights: stored as
 * JSON next to the weights in a model file.
 *
 * @param format always {@link #FORMAT}
 * @param formatVersion version of this layout; readers refuse newer ones
 * @param softwareVersion version of the plugin that wrote the file
 * @param created ISO-8601 time of writing
 * @param network the architecture
 * @param labelCodes label value of each class, in class order
 * @param classNames the name of each class in class order, or null for "code N"
 * @param normalizationLow raw grey value mapped to 0 (the training images' 0.5 percentile)
 * @param normalizationHigh raw grey value mapped to 1 (their 99.5 percentile)
 * @param normalisationMode "global" or "per_image" (null in models of earlier versions: global)
 * @param patchSize side of the square training patches
 * @param training how it was trained (may be null for an untrained model)
 * @param fingerprint what the training data looked like (null in models of earlier versions)
 * @param plan what the training run planned from the data, and why (null in models of earlier versions)
 * @param members networks in the file: 1, or the networks of a cross-validation ensemble, whose class
 *          probabilities are averaged (0 in models of earlier versions: 1)
 * @param crossValidation how well the ensemble's networks segment the slices they did not see (null for one network)
 * @param calibration the temperature of its class probabilities (null in models of earlier versions: none)
 */
public record ModelMetadata(String format, int formatVersion, String softwareVersion, String created,
	NetworkSpec network, int[] labelCodes, String[] classNames, double normalizationLow, double normalizationHigh,
	String normalisationMode, int patchSize, TrainingSummary training, DataFingerprint fingerprint,
	TrainingPlan plan, int members, CrossValidation crossValidation, Calibration calibration)
{

	public static final String FORMAT = "xrayseg-model";
	/** Version of the layout of files of one network: versions before ensembles read them. */
	public static final int FORMAT_VERSION = 1;
	/** Version of the layout of ensemble files (several networks): older versions refuse them. */
	public static final int ENSEMBLE_FORMAT_VERSION = 2;

	/** @return the metadata of a new model written by this version of the software */
	public static ModelMetadata create(final NetworkSpec network, final LabelCoding coding,
		final Normalization normalization, final int patchSize, final TrainingSummary training)
	{
		return create(network, coding, normalization, patchSize, training, null);
	}

	/** @return the metadata of a new model trained on data of this {@code fingerprint} */
	public static ModelMetadata create(final NetworkSpec network, final LabelCoding coding,
		final Normalization normalization, final int patchSize, final TrainingSummary training,
		final DataFingerprint fingerprint)
	{
		return new ModelMetadata(FORMAT, FORMAT_VERSION, SoftwareVersion.get(), java.time.OffsetDateTime.now()
			.toString(), network, coding.codes(), coding.names() == null ? null : coding.names().toArray(
				new String[0]), normalization.low(), normalization.high(), normalization.mode().key(), patchSize, training,
			fingerprint, null, 1, null, null);
	}

	/** @return a copy with another training summary */
	public ModelMetadata withTraining(final TrainingSummary summary) {
		return new ModelMetadata(format, formatVersion, softwareVersion, created, network, labelCodes, classNames,
			normalizationLow, normalizationHigh, normalisationMode, patchSize, summary, fingerprint, plan, members,
			crossValidation, calibration);
	}

	/** @return a copy with the training plan */
	public ModelMetadata withPlan(final TrainingPlan p) {
		return new ModelMetadata(format, formatVersion, softwareVersion, created, network, labelCodes, classNames,
			normalizationLow, normalizationHigh, normalisationMode, patchSize, training, fingerprint, p, members,
			crossValidation, calibration);
	}

	/** @return a copy describing an ensemble of {@code n} networks with its cross-validated scores */
	public ModelMetadata asEnsemble(final int n, final CrossValidation scores) {
		return new ModelMetadata(format, n > 1 ? ENSEMBLE_FORMAT_VERSION : FORMAT_VERSION, softwareVersion, created,
			network, labelCodes, classNames, normalizationLow, normalizationHigh, normalisationMode, patchSize,
			training, fingerprint, plan, n, scores, calibration);
	}

	/** @return a copy with the temperature of its class probabilities */
	public ModelMetadata withCalibration(final Calibration c) {
		return new ModelMetadata(format, formatVersion, softwareVersion, created, network, labelCodes, classNames,
			normalizationLow, normalizationHigh, normalisationMode, patchSize, training, fingerprint, plan, members,
			crossValidation, c);
	}

	/** @return the calibration of its probabilities: {@link Calibration#NONE} for models trained before it existed */
	public Calibration probabilityCalibration() {
		return calibration == null ? Calibration.NONE : calibration;
	}

	/** @return the networks in the model file (1 in models of earlier versions) */
	public int networks() {
		return Math.max(1, members);
	}

	public LabelCoding coding() {
		return new LabelCoding(labelCodes).withNames(classNames == null ? null : java.util.List.of(classNames));
	}

	public Normalization normalization() {
		return new Normalization(Normalization.Mode.of(normalisationMode), normalizationLow, normalizationHigh);
	}
}
