package org.xrayseg.updatesite;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The updater's timestamps: the date and time as the digits yyyyMMddHHmmss,
 * read as a number. Ours are in UTC (the updater itself writes local time,
 * which makes the order of two sites' versions depend on where they were
 * built).
 */
final class Timestamp {

	private static final DateTimeFormatter DIGITS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	private Timestamp() {}

	/** @return the timestamp of a moment, in UTC */
	static long of(final Instant moment) {
		return Long.parseLong(DIGITS.format(moment.atOffset(ZoneOffset.UTC)));
	}

	/**
	 * @param now the moment of this build
	 * @param latest the latest timestamp already on the site (0 if none)
	 * @return the timestamp of a build at {@code now}: later than {@code latest}
	 *         by at least a second even where the clock says otherwise, so that
	 *         versions stay in order and their file names differ
	 */
	static long after(final Instant now, final long latest) {
		final long current = of(now);
		if (current > latest) return current;
		final LocalDateTime next = LocalDateTime.parse(Long.toString(latest), DIGITS).plusSeconds(1);
		return Long.parseLong(DIGITS.format(next));
	}
}
