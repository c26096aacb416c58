package org.xrayseg.command;

import java.io.File;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

import org.scijava.ItemIO;
import org.scijava.app.StatusService;
import org.scijava.command.Command;
import org.scijava.log.LogService;
import org.scijava.plugin.Attr;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.widget.FileWidget;
import org.xrayseg.core.io.SliceInput;
import org.xrayseg.core.micro.MicrostructureReport;
import org.xrayseg.core.micro.MicrostructureRequest;
import org.xrayseg.core.micro.MicrostructureRun;
import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/** The numbers users publish from a segmented volume: fractions, surfaces, boundaries, connectivity, tortuosity, sizes. */
@Plugin(type = Command.class, name = "microstructure", label = "Analyze Microstructure", headless = true,
	description = "Per phase of a label volume: volume fraction, specific surface area, interfaces, triple-phase " +
		"boundary density (all and active), connectivity, tortuosity factor and size distribution; optionally " +
		"against a second label volume of the same sample")
public class AnalyzeMicrostructureCommand implements Command {

	@Parameter
	private StatusService status;

	@Parameter
	private LogService log;

	@Parameter(label = "Label volume", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, attrs = @Attr(
		name = ParameterAttributes.CLI_REQUIRED), description =
			"The segmented volume: folder of label slices, a (multi-page or Big) TIFF, or an HDF5 file")
	private File labels;

	@Parameter(label = "HDF5 dataset", required = false, description = ParameterTexts.DATASET)
	private String dataset = "";

	@Parameter(label = "Slices", required = false, description =
		"Which slices to analyse, 1-based, one range: 101-200 or 101-; empty: all")
	private String slices = "";

	@Parameter(label = "Region", required = false, description =
		"A sub-volume x0,y0,z0,x1,y1,z1 (first and last voxel; x, y from 0 as Fiji shows them, slices from 1); " +
			"empty: the whole volume")
	private String region = "";

	@Parameter(label = "Phase names", required = false, description =
		"Names of the phases in the order of their label codes (pore,nickel,YSZ) or as code:name pairs " +
			"(0:pore,128:nickel,255:YSZ); empty: the names Segment gave the label image, else code N")
	private String class_names = "";

	@Parameter(label = "Voxel size", required = false, description =
		"Size of a voxel with its unit: 0.65 µm, or x,y,z such as 0.5,0.5,1.2 um; empty: the image's calibration " +
			"(results in voxel units where it has none)")
	private String voxel_size = "";

	@Parameter(label = "Connectivity", choices = { "6", "26" }, description =
		"Which voxels of a phase form one cluster: 6 (sharing a face) or 26 (sharing a face, edge or corner)")
	private String connectivity = "6";

	@Parameter(label = "Tortuosity", description =
		"Compute the tortuosity factor in x, y and z (TauFactor's definition; holds the region in memory)")
	private boolean tortuosity = true;

	@Parameter(label = "Periodic side faces", description =
		"For the tortuosity: the side faces wrap around (periodic) instead of blocking flux")
	private boolean periodic = false;

	@Parameter(label = "Size distribution", description =
		"Compute the local thickness (diameter of the largest inscribed sphere) of every phase: mean, median, histogram")
	private boolean size_distribution = true;

	@Parameter(label = "Compare to", style = FileWidget.FILE_AND_DIRECTORY_STYLE, required = false, description =
		"A second label volume of the same sample and size (e.g. the reference labels): the same metrics and every " +
			"difference")
	private File compare_to;

	@Parameter(label = "Compare-to HDF5 dataset", required = false, description = ParameterTexts.DATASET)
	private String compare_dataset = "";

	@Parameter(label = "Label image (open)", required = false, description =
		"An open label image or stack to analyse, instead of a label volume on disk")
	private RandomAccessibleInterval<? extends RealType<?>> labels_image;

	@Parameter(label = "Compare-to image (open)", required = false, description =
		"An open label image or stack to compare with, instead of compare_to on disk")
	private RandomAccessibleInterval<? extends RealType<?>> compare_image;

	@Parameter(label = "Table (CSV)", style = FileWidget.SAVE_STYLE, required = false, description =
		"Where to save the table of the phases as CSV (optional)")
	private File table;

	@Parameter(label = "Interface table (CSV)", style = FileWidget.SAVE_STYLE, required = false, description =
		"Where to save the interface areas of each pair of phases as CSV (optional)")
	private File interface_table;

	@Parameter(label = "Comparison table (CSV)", style = FileWidget.SAVE_STYLE, required = false, description =
		"Where to save the comparison with compare_to as CSV (optional)")
	private File comparison_table;

	@Parameter(label = "Size plot (PNG)", style = FileWidget.SAVE_STYLE, required = false, description =
		"Where to save the plot of the size distributions (optional)")
	private File plot;

	@Parameter(label = "Overwrite", description = "Replace existing tables and plot")
	private boolean overwrite = false;

	@Parameter(label = "Microstructure", type = ItemIO.OUTPUT)
	private ResultTable microstructure;

	@Parameter(label = "Interfaces", type = ItemIO.OUTPUT)
	private ResultTable interfaces;

	@Parameter(label = "Comparison", type = ItemIO.OUTPUT)
	private ResultTable comparison;

	@Parameter(label = "Size distribution", type = ItemIO.OUTPUT)
	private LinePlot sizes;

	@Parameter(label = "Size distribution, cumulative", type = ItemIO.OUTPUT)
	private LinePlot sizes_cumulative;

	@Override
	public void run() {
		final MicrostructureRequest request = MicrostructureRequest.of(new SliceInput("labels", labels, labels_image)
			.withDataset(dataset).withSlices(slices)).withRegion(region).withNames(CommandParameters.names(class_names),
				voxel_size).withOptions(Integer.parseInt(connectivity), periodic, tortuosity, size_distribution).comparedTo(
					new SliceInput("compare_to", compare_to, compare_image).withDataset(compare_dataset)).savingTo(table,
						interface_table, comparison_table, plot, overwrite);
		final MicrostructureReport report = MicrostructureRun.run(request, new CommandProgress(status, log));
		microstructure = report.phases();
		interfaces = report.interfaces();
		comparison = report.comparison();
		if (!report.sizes().isEmpty()) {
			sizes = report.sizes().get(0);
			sizes_cumulative = report.sizes().get(1);
		}
	}
}
