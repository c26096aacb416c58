package org.xrayseg.core.micro;

import org.xrayseg.core.report.LinePlot;
import org.xrayseg.core.report.ResultTable;

/**
 * The results of Analyze Microstructure as a user sees them.
 *
 * @param labels the measurements of the label volume
 * @param compared those of the volume compared with, or null
 * @param phases one row per phase
 * @param interfaces one row per pair of phases
 * @param comparison one row per phase and metric with both values and the difference, or null
 * @param sizes the size distributions' plots (histogram, cumulative share), empty without them
 */
public record MicrostructureReport(Measurements labels, Measurements compared, ResultTable phases,
	ResultTable interfaces, ResultTable comparison, java.util.List<LinePlot> sizes)
{}
