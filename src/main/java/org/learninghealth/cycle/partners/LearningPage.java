package org.learninghealth.cycle.partners;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.learninghealth.cycle.evaluation.CycleChartService;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.partners.SharedProjects.SharedProject;
import org.learninghealth.cycle.sustain.SustainClock;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /learning}, open to everyone: the finished projects managers chose to share, in plain words, with their
 * chart; searchable, one column on a phone, WCAG 2.1 AA (landmarks, headings, labels, contrast, text for the charts).
 * Written on the server: no script, and nothing but what {@link SharedProjects} reads reaches the page.
 */
@RestController
public class LearningPage {

    static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private final SharedProjects shared;
    private final CycleChartService charts;
    private final ApiCaller caller;

    public LearningPage(SharedProjects shared, CycleChartService charts, ApiCaller caller) {
        this.shared = shared;
        this.charts = charts;
        this.caller = caller;
    }

    @GetMapping(value = "/learning", produces = MediaType.TEXT_HTML_VALUE)
    public String page(@RequestParam(name = "q", required = false) String q, @RequestParam(name = "page", defaultValue = "1") int page) {
        if (page < 1 || page > 10_000) {
            throw ApiException.badRequest("page must be from 1 to 10000, was " + page);
        }
        String words = q == null ? "" : q.strip();
        if (words.length() > 200) {
            throw ApiException.badRequest("Search for at most 200 characters.");
        }
        List<SharedProject> found = shared.find(words, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        boolean more = found.size() > PAGE_SIZE;
        List<SharedProject> shown = more ? found.subList(0, PAGE_SIZE) : found;
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>What we learned · Learning Cycle</title><link rel=\"stylesheet\" href=\"/learning/learning.css\"></head><body>")
                .append("<a class=\"skip\" href=\"#projects\">Skip to the projects</a>")
                .append("<header><h1>What we learned</h1><p>Changes our hospital tried in order to make care better, and what happened,")
                .append(" in plain words. Patients and families helped review many of them.</p></header><main>")
                .append("<form role=\"search\" action=\"/learning\" method=\"get\"><label for=\"q\">Search the projects</label>")
                .append("<div class=\"search\"><input id=\"q\" name=\"q\" type=\"search\" value=\"").append(htmlEscape(words))
                .append("\" maxlength=\"200\"><button type=\"submit\">Search</button></div></form>")
                .append("<section id=\"projects\" aria-labelledby=\"found\"><h2 id=\"found\">")
                .append(shown.isEmpty() ? (words.isEmpty() ? "No project has been shared yet." : "No shared project matches your search.")
                        : count(shown.size(), more, page, words)).append("</h2>");
        for (SharedProject p : shown) {
            article(html, p);
        }
        html.append("</section>");
        if (page > 1 || more) {
            html.append("<nav aria-label=\"More projects\"><ul class=\"pages\">");
            if (page > 1) {
                html.append("<li><a href=\"").append(link(words, page - 1)).append("\" rel=\"prev\">Newer projects</a></li>");
            }
            if (more) {
                html.append("<li><a href=\"").append(link(words, page + 1)).append("\" rel=\"next\">Older projects</a></li>");
            }
            html.append("</ul></nav>");
        }
        html.append("</main><footer><p>Shared by the hospital's improvement teams. No names of patients or staff are shown.</p></footer></body></html>\n");
        return html.toString();
    }

    /** The chart of a shared project's cycle; 404 for anything not shared. */
    @GetMapping(value = "/learning/{projectKey}/{cycle}/chart.png", produces = MediaType.IMAGE_PNG_VALUE)
    public byte[] chart(@PathVariable String projectKey, @PathVariable int cycle) {
        shared.find(projectKey, cycle).orElseThrow(() -> ApiException.notFound("No shared project " + projectKey + " cycle " + cycle + "."));
        return caller.asSystem(() -> charts.publicPng(projectKey, cycle));
    }

    private void article(StringBuilder html, SharedProject p) {
        String id = "p-" + htmlEscape(p.projectKey()) + "-" + p.cycle();
        html.append("<article aria-labelledby=\"").append(id).append("\"><h3 id=\"").append(id).append("\">").append(htmlEscape(p.title())).append("</h3>")
                .append("<p class=\"status\">").append(htmlEscape(status(p))).append("</p>");
        section(html, "What changed for patients", p.plainSummary());
        section(html, "What the team did", p.changeIdea());
        section(html, "What happened", p.plainResult());
        html.append("<figure><img src=\"/learning/").append(htmlEscape(p.projectKey())).append('/').append(p.cycle())
                .append("/chart.png\" alt=\"Chart of the measure week by week, before and after the change. ")
                .append(htmlEscape(p.plainResult() == null ? "" : p.plainResult())).append("\" loading=\"lazy\" width=\"900\" height=\"500\">")
                .append("<figcaption>Each point is one week; the lines show the usual range before the change and after it.</figcaption></figure>")
                .append("</article>");
    }

    private static void section(StringBuilder html, String heading, String text) {
        if (text != null && !text.isBlank()) {
            html.append("<h4>").append(heading).append("</h4>");
            for (String paragraph : text.strip().split("\\R\\s*\\R")) {
                html.append("<p>").append(htmlEscape(paragraph.strip())).append("</p>");
            }
        }
    }

    /** Adopted or not, and for how long the adopted change held. */
    String status(SharedProject p) {
        if (!"ADOPT".equals(p.decision())) {
            return "Not adopted: the change did not bring enough improvement to keep it.";
        }
        String since = p.sustainSince() == null ? "" : " in " + MONTH.format(p.sustainSince());
        if (p.sustainOutcome() == null) {
            long months = SustainClock.months(p.sustainSince(), SustainClock.today());
            return "Adopted" + since + (months >= 1 ? "; still checked every month, holding for " + months + (months == 1 ? " month" : " months") + " so far."
                    : "; now checked every month to see that it lasts.");
        }
        long months = p.sustainEnded() == null ? 0 : SustainClock.months(p.sustainSince(), p.sustainEnded());
        return switch (p.sustainOutcome()) {
            case "sustained" -> "Adopted" + since + ", and it lasted: still working after " + months + " months.";
            case "new-cycle" -> "Adopted" + since + "; after " + months + " months it slipped, and the team is improving it again.";
            default -> "Adopted" + since + "; the team stopped checking it after " + months + " months.";
        };
    }

    private static String count(int shown, boolean more, int page, String words) {
        String what = words.isEmpty() ? "" : " matching \u201c" + htmlEscape(words) + "\u201d";
        if (page == 1 && !more) {
            return shown + (shown == 1 ? " project" : " projects") + what;
        }
        int first = (page - 1) * PAGE_SIZE + 1;
        return "Projects " + first + " to " + (first + shown - 1) + what;
    }

    private static String link(String words, int page) {
        return "/learning?" + (words.isEmpty() ? "" : "q=" + htmlEscape(java.net.URLEncoder.encode(words, java.nio.charset.StandardCharsets.UTF_8)) + "&amp;")
                + "page=" + page;
    }
}
