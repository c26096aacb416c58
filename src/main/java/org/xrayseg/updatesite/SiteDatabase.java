package org.xrayseg.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An update site's index, {@code db.xml.gz}: gzipped XML in the updater's
 * "pluginRecords" format, its DTD inline as the updater writes it. Records are
 * written in the order of their file names, so that two builds of the same
 * files give the same index.
 */
public final class SiteDatabase {

	/** The index's file name inside the site folder. */
	public static final String FILE_NAME = "db.xml.gz";

	private SiteDatabase() {}

	/** @return the records of the index in {@code site}, by file name; none if the folder has no index */
	static Map<String, FileRecord> read(final Path site) throws IOException {
		final Map<String, FileRecord> records = new LinkedHashMap<>();
		final Path index = site.resolve(FILE_NAME);
		if (!Files.isRegularFile(index)) return records;
		final Element root;
		try (InputStream in = new GZIPInputStream(Files.newInputStream(index))) {
			final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			root = factory.newDocumentBuilder().parse(in).getDocumentElement();
		}
		catch (final SAXException | ParserConfigurationException e) {
			throw new IOException(index + " is not an update site index: " + e.getMessage(), e);
		}
		for (final Element plugin : children(root, "plugin")) {
			final FileRecord r = new FileRecord(plugin.getAttribute("filename"));
			for (final Element p : children(plugin, "platform"))
				r.platforms.add(p.getTextContent().trim());
			for (final Element v : children(plugin, "version")) {
				r.current = new FileRecord.Version(r.filename, number(v, "timestamp"), v.getAttribute("checksum"), 0);
				r.filesize = number(v, "filesize");
				for (final Element d : children(v, "description"))
					r.description = d.getTextContent();
				for (final Element d : children(v, "dependency"))
					r.dependencies.add(new FileRecord.Dependency(d.getAttribute("filename"), number(d, "timestamp")));
				for (final Element l : children(v, "link"))
					r.links.add(l.getTextContent());
				for (final Element a : children(v, "author"))
					r.authors.add(a.getTextContent());
			}
			for (final Element p : children(plugin, "previous-version")) {
				final String name = p.getAttribute("filename");
				r.previous.add(new FileRecord.Version(name.isEmpty() ? r.filename : name, number(p, "timestamp"), p
					.getAttribute("checksum"), number(p, "timestamp-obsolete")));
			}
			records.put(r.filename, r);
		}
		return records;
	}

	/** Writes the index of {@code records} into {@code site}, replacing the one there only once it is complete. */
	static void write(final Path site, final Collection<FileRecord> records) throws IOException {
		final List<FileRecord> sorted = new ArrayList<>(records);
		sorted.sort(Comparator.comparing(r -> r.filename));
		final Path partial = site.resolve(FILE_NAME + ".partial");
		try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(partial));
			Writer out = new OutputStreamWriter(gz, StandardCharsets.UTF_8))
		{
			out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE pluginRecords [\n" + dtd() + "]>\n");
			out.write("<pluginRecords>\n");
			for (final FileRecord r : sorted)
				writeRecord(out, r);
			out.write("</pluginRecords>\n");
		}
		Files.move(partial, site.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
			StandardCopyOption.ATOMIC_MOVE);
	}

	/** @return the declarations of the "pluginRecords" DTD */
	static String dtd() throws IOException {
		try (InputStream in = SiteDatabase.class.getResourceAsStream("pluginRecords.dtd")) {
			if (in == null) throw new IOException("pluginRecords.dtd is missing from the plugin's resources");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void writeRecord(final Writer out, final FileRecord r) throws IOException {
		out.write("    <plugin filename=\"" + xml(r.filename) + "\">\n");
		for (final String p : r.platforms)
			out.write("        <platform>" + xml(p) + "</platform>\n");
		if (r.current != null) {
			out.write("        <version checksum=\"" + r.current.checksum() + "\" timestamp=\"" + r.current.timestamp() +
				"\" filesize=\"" + r.filesize + "\">\n");
			if (r.description != null) out.write("            <description>" + xml(r.description) + "</description>\n");
			for (final FileRecord.Dependency d : r.dependencies)
				out.write("            <dependency filename=\"" + xml(d.filename()) + "\" timestamp=\"" + d.timestamp() +
					"\"/>\n");
			for (final String l : r.links)
				out.write("            <link>" + xml(l) + "</link>\n");
			for (final String a : r.authors)
				out.write("            <author>" + xml(a) + "</author>\n");
			out.write("        </version>\n");
		}
		for (final FileRecord.Version v : r.previous)
			out.write("        <previous-version timestamp=\"" + v.timestamp() + "\" timestamp-obsolete=\"" + v.obsolete() +
				"\" checksum=\"" + v.checksum() + "\" filename=\"" + xml(v.filename()) + "\"/>\n");
		out.write("    </plugin>\n");
	}

	private static String xml(final String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	private static long number(final Element e, final String attribute) {
		final String value = e.getAttribute(attribute);
		return value.isEmpty() ? 0 : Long.parseLong(value);
	}

	private static List<Element> children(final Element parent, final String name) {
		final List<Element> found = new ArrayList<>();
		final NodeList nodes = parent.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			final Node n = nodes.item(i);
			if (n instanceof Element e && e.getTagName().equals(name)) found.add(e);
		}
		return found;
	}
}
