package org.learninghealth.cycle.evaluation;

import java.util.List;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/evaluation/preview}: judge a series without running a cycle (JSON, or the chart as PNG from
 * {@code /api/evaluation/preview.png}); {@code GET /api/cycles/{key}/chart.png[?unit=NAME]}: the chart of a project's cycle
 * or of one unit; {@code GET /api/cycles/{key}/units.png}: every unit's chart.
 */
@RestController
public class EvaluationController {

    private final EvaluationService evaluation;
    private final CycleChartService charts;
    private final ApiCaller caller;

    public EvaluationController(EvaluationService evaluation, CycleChartService charts, ApiCaller caller) {
        this.evaluation = evaluation;
        this.charts = charts;
        this.caller = caller;
    }

    /** What the preview answers; field names as the API promises. */
    public record PreviewResponse(ChartType chart, String chartReason, RuleSet rules, double centerLine, Double sigmaZ,
                                  List<ControlChart.PhaseLine> phases, List<ChartPoint> points, MovingRange movingRange, RunAnalysis runs,
                                  Comparison comparison, boolean improvementSignal, VariationIcon variationIcon, AssuranceIcon assuranceIcon,
                                  Double target) {
    }

    /** The moving-range chart that goes with an I chart. */
    public record MovingRange(double centerLine, double ucl) {
    }

    @PostMapping(value = "/api/evaluation/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    public PreviewResponse preview(@RequestBody PreviewRequest request) {
        SeriesAnalysis analysis = analyse(checked(request));
        return response(analysis.chart(), analysis.comparison());
    }

    @PostMapping(value = "/api/evaluation/preview.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> previewChart(@RequestBody PreviewRequest request,
                                               @RequestParam(defaultValue = "Preview") String title,
                                               @RequestParam(defaultValue = "Measure") String measure) {
        PreviewRequest.Checked checked = checked(request);
        SeriesAnalysis analysis = analyse(checked);
        return png(ChartRenderer.png(analysis.chart(), new ChartRenderer.Labels(title, measure, checked.type()), List.of()));
    }

    @GetMapping(value = "/api/cycles/{projectKey}/chart.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> cycleChart(@PathVariable String projectKey, @RequestParam(required = false) Integer cycle,
                                             @RequestParam(required = false) String unit) {
        return png(charts.png(projectKey, cycle, unit == null || unit.isBlank() ? null : unit));
    }

    /** One chart per unit, each against its own go-live, in one PNG (small multiples). */
    @GetMapping(value = "/api/cycles/{projectKey}/units.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> unitCharts(@PathVariable String projectKey, @RequestParam(required = false) Integer cycle) {
        return png(charts.unitsPng(projectKey, cycle));
    }

    /** Every cycle of the project in one chart, a phase per cycle (see {@link CycleChartService#story}). */
    @GetMapping(value = "/api/cycles/{projectKey}/story", produces = MediaType.APPLICATION_JSON_VALUE)
    public PreviewResponse story(@PathVariable String projectKey) {
        return response(charts.story(projectKey), null);
    }

    private static PreviewResponse response(ControlChart c, Comparison comparison) {
        return new PreviewResponse(c.type(), c.reason(), c.rules(), c.centerLine(), c.sigmaZ(), c.phases(), c.points(),
                c.movingRangeCenter() == null ? null : new MovingRange(c.movingRangeCenter(), c.movingRangeUcl()),
                c.runs(), comparison, c.improvementSignal(), c.variationIcon(), c.assuranceIcon(), c.target());
    }

    @GetMapping(value = "/api/cycles/{projectKey}/story.png", produces = MediaType.IMAGE_PNG_VALUE)
    public ResponseEntity<byte[]> storyChart(@PathVariable String projectKey) {
        return png(charts.storyPng(projectKey));
    }

    /** Making Data Count's icons as SVG, for pages: {@code common-cause}, {@code improvement-high}, ..., {@code pass}, {@code fail}, {@code hit-and-miss}. */
    @GetMapping("/api/evaluation/icons/{code}.svg") // no "produces": an unknown icon answers in JSON, whatever was accepted
    public ResponseEntity<String> icon(@PathVariable String code) {
        caller.requireAnyGroup(Roles.ALL, "Only members of " + Roles.ALL + " can see the icons.");
        String svg = MdcIcons.svg(code);
        if (svg == null) {
            throw ApiException.notFound("No icon '" + code + "'; the variation icons are common-cause, improvement-high, improvement-low,"
                    + " concern-high and concern-low, the assurance icons pass, fail and hit-and-miss.");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("image/svg+xml")).body(svg);
    }

    private PreviewRequest.Checked checked(PreviewRequest request) {
        caller.requireAnyGroup(Roles.ALL, "Only members of " + Roles.ALL + " can use the evaluation preview.");
        return request.check(evaluation.rules(null));
    }

    private SeriesAnalysis analyse(PreviewRequest.Checked checked) {
        try {
            return evaluation.analyse(checked.type(), checked.direction(), checked.points(), checked.options());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The series cannot be judged: " + e.getMessage() + ".");
        }
    }

    private static ResponseEntity<byte[]> png(byte[] image) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(image); // no-store: SecurityHeadersFilter, as for all of /api
    }
}
