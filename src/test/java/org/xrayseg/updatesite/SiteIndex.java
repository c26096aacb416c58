package org.xrayseg.updatesite;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * A site's db.xml.gz read the way the tests check it, apart from the code that
 * writes it: validated against the DTD in the test resources, and its records
 * as the updater reads them; and the updater's install: every current file of
 * the platform fetched from {@code <site URL><filename>-<timestamp>} to its
 * plain name, refused unless size and checksum match the record.
 */
final class SiteIndex {

	/** A record's current version, or {@code timestamp} 0 when it has none; {@code previous} its previous versions. */
	record Entry(String filename, List<String> platforms, long timestamp, String checksum, long filesize,
		List<Element> previous, List<String> dependencies) {}

	private SiteIndex() {}

	static String xml(final URI site) throws IOException {
		try (InputStream in = new GZIPInputStream(site.resolve(SiteDatabase.FILE_NAME).toURL().openStream())) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/** Validates the index against test resource pluginRecords.dtd (instead of the DTD it carries). */
	static void validate(final String xml) throws Exception {
		final String external = xml.replaceFirst("(?s)<!DOCTYPE pluginRecords \\[.*?\\]>",
			"<!DOCTYPE pluginRecords SYSTEM \"pluginRecords.dtd\">");
		final SAXParserFactory factory = SAXParserFactory.newInstance();
		factory.setValidating(true);
		final XMLReader reader = factory.newSAXParser().getXMLReader();
		reader.setEntityResolver((publicId, systemId) -> new InputSource(SiteIndex.class.getResourceAsStream(
			"pluginRecords.dtd")));
		reader.setErrorHandler(new ErrorHandler() {

			@Override
			public void warning(final SAXParseException e) {}

			@Override
			public void error(final SAXParseException e) throws SAXParseException {
				throw e;
			}

			@Override
			public void fatalError(final SAXParseException e) throws SAXParseException {
				throw e;
			}
		});
		reader.parse(new InputSource(new ByteArrayInputStream(external.getBytes(StandardCharsets.UTF_8))));
	}

	static List<Entry> entries(final String xml) throws Exception {
		final Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(
			new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))).getDocumentElement();
		final List<Entry> entries = new ArrayList<>();
		final NodeList plugins = root.getElementsByTagName("plugin");
		for (int i = 0; i < plugins.getLength(); i++) {
			final Element p = (Element) plugins.item(i);
			final List<String> platforms = texts(p, "platform");
			final List<Element> previous = elements(p, "previous-version");
			final List<String> dependencies = new ArrayList<>();
			for (final Element d : elements(p, "dependency"))
				dependencies.add(d.getAttribute("filename"));
			final List<Element> version = elements(p, "version");
			final Element v = version.isEmpty() ? null : version.get(0);
			entries.add(new Entry(p.getAttribute("filename"), platforms, v == null ? 0 : Long.parseLong(v.getAttribute(
				"timestamp")), v == null ? null : v.getAttribute("checksum"), v == null ? 0 : Long.parseLong(v
					.getAttribute("filesize")), previous, dependencies));
		}
		return entries;
	}

	/** Installs the site's current files of {@code platform} into {@code folder}, as the updater does. */
	static List<String> install(final URI site, final String platform, final Path folder) throws Exception {
		final List<String> installed = new ArrayList<>();
		for (final Entry e : entries(xml(site))) {
			if (e.timestamp() == 0 || !e.platforms().isEmpty() && !e.platforms().contains(platform)) continue;
			final Path target = folder.resolve(e.filename());
			Files.createDirectories(target.getParent());
			try (InputStream in = site.resolve(e.filename().replace(" ", "%20") + "-" + e.timestamp()).toURL()
				.openStream())
			{
				Files.copy(in, target);
			}
			if (Files.size(target) != e.filesize()) throw new IOException("Incorrect file size for " + target);
			if (!UpdaterChecksum.of(e.filename(), target).equals(e.checksum())) throw new IOException(
				"Incorrect checksum for " + target);
			installed.add(e.filename());
		}
		return installed;
	}

	private static List<String> texts(final Element parent, final String tag) {
		final List<String> texts = new ArrayList<>();
		for (final Element e : elements(parent, tag))
			texts.add(e.getTextContent().trim());
		return texts;
	}

	private static List<Element> elements(final Element parent, final String tag) {
		final List<Element> found = new ArrayList<>();
		final NodeList nodes = parent.getElementsByTagName(tag);
		for (int i = 0; i < nodes.getLength(); i++)
			found.add((Element) nodes.item(i));
		return found;
	}
}
