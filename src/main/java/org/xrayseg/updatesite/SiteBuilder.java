package org.xrayseg.updatesite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scijava.util.FileUtils;

/**
 * Builds a version of the plugin onto an update site folder (empty, or
 * holding earlier versions): every shipped file whose updater checksum is new
 * is copied in under its timestamped name ({@code plugins/XRay_Segmentation.jar-20261205153000}),
 * its record's earlier version becomes a previous version, and the index
 * {@code db.xml.gz} is written last. Files are matched to records by their
 * name without version, as the updater does, so {@code jars/api-0.37.0.jar}
 * updates {@code jars/api-0.36.0.jar}. A file the site no longer ships keeps
 * its record, with no current version (the updater then offers to remove it).
 * Nothing is ever deleted from the folder: every earlier version's file stays
 * where installations of that version expect it.
 */
public final class SiteBuilder {

	/**
	 * What a build did.
	 *
	 * @param timestamp the timestamp of this build's new versions
	 * @param added the files with a new version
	 * @param unchanged the files whose current version was already the shipped one
	 * @param retired the files the site no longer ships
	 */
	public record Result(long timestamp, List<String> added, List<String> unchanged, List<String> retired) {}

	private SiteBuilder() {}

	/**
	 * @param site the site folder (created if needed)
	 * @param files what this version ships ({@link SiteFile#of})
	 * @param authors the plugin's authors, for its record
	 * @param links the plugin's web pages, for its record
	 * @param now the moment of the build
	 */
	static Result build(final Path site, final List<SiteFile> files, final List<String> authors,
		final List<String> links, final Instant now) throws IOException
	{
		Files.createDirectories(site);
		final Map<String, FileRecord> records = new LinkedHashMap<>();
		long latest = 0;
		for (final FileRecord r : SiteDatabase.read(site).values()) {
			records.put(key(r.filename), r);
			latest = Math.max(latest, r.latestTimestamp());
		}
		final long timestamp = Timestamp.after(now, latest);
		final Result result = new Result(timestamp, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		final Map<String, FileRecord> shipped = new LinkedHashMap<>();
		for (final SiteFile f : files) {
			final FileRecord r = records.computeIfAbsent(key(f.filename()), k -> new FileRecord(f.filename()));
			final String checksum = UpdaterChecksum.of(f.filename(), f.source());
			if (r.current != null && r.current.checksum().equals(checksum) && r.filename.equals(f.filename())) {
				result.unchanged().add(f.filename());
			}
			else {
				r.retireCurrent(timestamp);
				r.filename = f.filename();
				r.current = new FileRecord.Version(f.filename(), timestamp, checksum, 0);
				r.filesize = Files.size(f.source());
				final Path target = site.resolve(r.siteFileName());
				Files.createDirectories(target.getParent());
				Files.copy(f.source(), target, StandardCopyOption.REPLACE_EXISTING);
				result.added().add(f.filename());
			}
			r.description = f.description();
			r.platforms.clear();
			if (f.platform() != null) r.platforms.add(f.platform());
			shipped.put(key(f.filename()), r);
		}
		for (final Map.Entry<String, FileRecord> e : records.entrySet())
			if (!shipped.containsKey(e.getKey()) && e.getValue().current != null) {
				e.getValue().retireCurrent(timestamp);
				result.retired().add(e.getValue().filename);
			}
		describePlugin(shipped, authors, links);
		SiteDatabase.write(site, records.values());
		return result;
	}

	/**
	 * The plugin's record lists the libraries it needs (those of all platforms:
	 * a platform's natives are not listed, since the updater would then fetch
	 * every platform's natives with the plugin; it installs the site's files of
	 * the user's platform by itself).
	 */
	private static void describePlugin(final Map<String, FileRecord> shipped, final List<String> authors,
		final List<String> links)
	{
		final FileRecord plugin = shipped.get(key(SiteFile.PLUGIN));
		plugin.dependencies.clear();
		for (final FileRecord r : shipped.values())
			if (r != plugin && r.platforms.isEmpty()) plugin.dependencies.add(new FileRecord.Dependency(r.filename,
				r.current.timestamp()));
		plugin.authors.clear();
		plugin.authors.addAll(authors);
		plugin.links.clear();
		plugin.links.addAll(links);
	}

	/** @return the name a record is known by across versions: its path without the version, as the updater strips it */
	static String key(final String filename) {
		return FileUtils.stripFilenameVersion(filename);
	}
}
