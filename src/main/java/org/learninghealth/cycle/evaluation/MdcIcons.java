package org.learninghealth.cycle.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.util.Locale;

/**
 * Making Data Count's icons in the NHS's shapes and colours (a ring with the cause inside: grey for common cause,
 * blue for improvement, orange for concern, an H or L for high or low; assurance P, F or a grey ring for hit and
 * miss), drawn by us as SVG for pages and forms and with Java2D on chart images, each with a text alternative.
 */
public final class MdcIcons {

    static final Color GREY = new Color(0xa6, 0xa6, 0xa6);
    static final Color BLUE = new Color(0x00, 0xb0, 0xf0);
    static final Color ORANGE = new Color(0xe4, 0x6c, 0x0a);

    private MdcIcons() {
    }

    private record Look(Color colour, String letter, String text) {
    }

    private static Look look(VariationIcon icon) {
        return switch (icon) {
            case COMMON_CAUSE -> new Look(GREY, "~", icon.text());
            case IMPROVEMENT_HIGH -> new Look(BLUE, "H", icon.text());
            case IMPROVEMENT_LOW -> new Look(BLUE, "L", icon.text());
            case CONCERN_HIGH -> new Look(ORANGE, "H", icon.text());
            case CONCERN_LOW -> new Look(ORANGE, "L", icon.text());
        };
    }

    private static Look look(AssuranceIcon icon) {
        return switch (icon) {
            case PASS -> new Look(BLUE, "P", icon.text());
            case FAIL -> new Look(ORANGE, "F", icon.text());
            case HIT_AND_MISS -> new Look(GREY, "?", icon.text());
        };
    }

    /** The SVG of the variation or assurance icon with this API code, or {@code null} for an unknown code. */
    public static String svg(String code) {
        MdcIcon icon = MdcIcon.ofCode(code);
        if (icon instanceof VariationIcon variation) {
            return svg(variation);
        }
        return icon instanceof AssuranceIcon assurance ? svg(assurance) : null;
    }

    public static String svg(VariationIcon icon) {
        return svg(look(icon), "variation-" + icon.code());
    }

    public static String svg(AssuranceIcon icon) {
        return svg(look(icon), "assurance-" + icon.code());
    }

    private static String svg(Look look, String id) {
        String hex = String.format(Locale.ROOT, "#%02x%02x%02x", look.colour.getRed(), look.colour.getGreen(), look.colour.getBlue());
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\" width=\"40\" height=\"40\" role=\"img\" aria-labelledby=\"" + id
                + "\"><title id=\"" + id + "\">" + look.text + "</title>"
                + "<circle cx=\"20\" cy=\"20\" r=\"17\" fill=\"#ffffff\" stroke=\"" + hex + "\" stroke-width=\"4\"/>"
                + "<text x=\"20\" y=\"27\" text-anchor=\"middle\" font-family=\"Arial, sans-serif\" font-weight=\"bold\" font-size=\"20\" fill=\""
                + hex + "\">" + look.letter + "</text></svg>";
    }

    /** Draws the icons side by side, right-aligned at ({@code right}, {@code top}); the assurance icon may be null. */
    static void paint(Graphics2D g, VariationIcon variation, AssuranceIcon assurance, int right, int top, int size) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int x = right - size;
        if (assurance != null) {
            paint(g, look(assurance), x, top, size);
            x -= size + size / 4;
        }
        paint(g, look(variation), x, top, size);
    }

    private static void paint(Graphics2D g, Look look, int x, int y, int size) {
        g.setColor(Color.WHITE);
        g.fill(new Ellipse2D.Double(x, y, size, size));
        g.setColor(look.colour);
        g.setStroke(new BasicStroke(size / 10f));
        g.draw(new Ellipse2D.Double(x + size / 20.0, y + size / 20.0, size * 0.9, size * 0.9));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size / 2));
        FontMetrics m = g.getFontMetrics();
        g.drawString(look.letter, x + (size - m.stringWidth(look.letter)) / 2, y + (size + m.getAscent() - m.getDescent()) / 2);
    }
}
