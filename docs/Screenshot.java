import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Toolkit;
import java.io.File;

import javax.imageio.ImageIO;

/** Saves the screen (or a region x,y,w,h) as PNG: java docs/Screenshot.java out.png [x y w h] */
public class Screenshot {

	public static void main(final String[] args) throws Exception {
		final Rectangle r = args.length == 5 ? new Rectangle(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
			Integer.parseInt(args[3]), Integer.parseInt(args[4])) : new Rectangle(Toolkit.getDefaultToolkit()
				.getScreenSize());
		ImageIO.write(new Robot().createScreenCapture(r), "png", new File(args[0]));
	}
}
