package org.xrayseg.imagej1;

import java.awt.Button;
import java.awt.FlowLayout;
import java.awt.Frame;
import java.awt.GraphicsEnvironment;
import java.awt.Label;
import java.util.List;

import ij.IJ;

import org.scijava.Context;
import org.scijava.app.event.StatusEvent;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.event.EventSubscriber;
import org.scijava.log.LogListener;
import org.scijava.log.LogMessage;
import org.scijava.log.LogService;

/**
 * While a command runs inside ImageJ: its status goes to ImageJ's status and
 * progress bars, its log lines to the Log window, and Esc or the Cancel
 * button of a small window interrupt it (the command then stops at its next
 * safe point and leaves no partial output).
 */
final class ImageJProgress implements AutoCloseable {

	private final Context context;
	private final Thread worker;
	private final List<EventSubscriber<?>> subscribers;
	private final LogListener logListener = this::onLog;
	private final Thread watcher;
	private final Frame cancelWindow;
	private volatile boolean running = true;
	private volatile boolean cancelled;

	ImageJProgress(final Context context, final String title, final boolean cancelButton) {
		this.context = context;
		this.worker = Thread.currentThread();
		subscribers = context.service(EventService.class).subscribe(this);
		context.service(LogService.class).addLogListener(logListener);
		IJ.resetEscape();
		cancelWindow = cancelButton && !GraphicsEnvironment.isHeadless() ? cancelWindow(title) : null;
		watcher = new Thread(this::watch, "X-Ray Segmentation cancel watcher");
		watcher.setDaemon(true);
		watcher.start();
	}

	@EventHandler
	public void onStatus(final StatusEvent e) {
		if (e.getStatusMessage() != null) IJ.showStatus(e.getStatusMessage());
		if (e.getProgressMaximum() > 0) IJ.showProgress(e.getProgressValue(), e.getProgressMaximum());
	}

	/** Log lines go to ImageJ's Log window; without one (batch mode) the log service prints them already. */
	private void onLog(final LogMessage message) {
		if (message.level() <= LogService.INFO && message.text() != null && IJ.getInstance() != null) IJ.log(
			message.text());
	}

	private void watch() {
		while (running) {
			if (IJ.escapePressed() || cancelled) {
				IJ.showStatus("Cancelling...");
				worker.interrupt();
				return;
			}
			try {
				Thread.sleep(200);
			}
			catch (final InterruptedException e) {
				return;
			}
		}
	}

	private Frame cancelWindow(final String title) {
		final Frame f = new Frame(title);
		f.setLayout(new FlowLayout());
		f.add(new Label(title + " is running (Esc also stops it)"));
		final Button cancel = new Button("Cancel");
		cancel.addActionListener(e -> cancelled = true);
		f.add(cancel);
		f.pack();
		f.setLocationRelativeTo(null);
		f.setVisible(true);
		return f;
	}

	@Override
	public void close() {
		running = false;
		watcher.interrupt();
		context.service(EventService.class).unsubscribe(subscribers);
		context.service(LogService.class).removeLogListener(logListener);
		if (cancelWindow != null) cancelWindow.dispose();
		IJ.showProgress(1.0);
		Thread.interrupted(); // an interrupt that came after the work ended must not leak into ImageJ
	}
}
