package org.xrayseg.updatesite;

import java.util.ArrayList;
import java.util.List;

/**
 * One file of an update site as its {@code db.xml.gz} describes it (the
 * updater's "plugin" element): where it goes in the Fiji folder, for which
 * platforms, its current version (absent once the site no longer ships it)
 * and every earlier version, so that an installation holding an earlier one
 * is offered the update rather than seen as modified.
 */
final class FileRecord {

	/** A version of the file. {@code filename} is the path it had then; {@code obsolete} 0 for the current one. */
	record Version(String filename, long timestamp, String checksum, long obsolete) {}

	/** A file this one needs, at the timestamp of its version when this one was built. */
	record Dependency(String filename, long timestamp) {}

	String filename;
	final List<String> platforms = new ArrayList<>();
	Version current;
	long filesize;
	String description;
	final List<Dependency> dependencies = new ArrayList<>();
	final List<String> links = new ArrayList<>();
	final List<String> authors = new ArrayList<>();
	final List<Version> previous = new ArrayList<>();

	FileRecord(final String filename) {
		this.filename = filename;
	}

	/** @return the name of the current version's file on the site: its path, a dash and its timestamp */
	String siteFileName() {
		return current.filename() + "-" + current.timestamp();
	}

	/** Makes the current version a previous one, obsolete from {@code timestamp} on. */
	void retireCurrent(final long timestamp) {
		if (current == null) return;
		previous.add(new Version(current.filename(), current.timestamp(), current.checksum(), timestamp));
		current = null;
	}

	/** @return the latest timestamp of any version of this file */
	long latestTimestamp() {
		long latest = current == null ? 0 : current.timestamp();
		for (final Version v : previous)
			latest = Math.max(latest, Math.max(v.timestamp(), v.obsolete()));
		return latest;
	}
}
