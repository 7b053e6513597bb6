package org.learninghealth.cycle.closure;

import static org.learninghealth.cycle.closure.ClosureProcess.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.letters.LetterIssuer;
import org.learninghealth.cycle.letters.LetterKind;
import org.learninghealth.cycle.letters.Letters;
import org.springframework.stereotype.Component;

/** "Issue the closure acknowledgement": the letter that closes the project with the IRB, with the report it rests on. */
@Component("closureLetter")
public class ClosureLetterDelegate implements JavaDelegate {

    private final LetterIssuer issuer;

    public ClosureLetterDelegate(LetterIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, Object> report = new HashMap<>();
        report.put("ending", execution.getVariable(CLOSURE_ENDING_TEXT));
        report.put("report", execution.getVariable(CLOSURE_SUMMARY));
        report.put("problems", execution.getVariable(CLOSURE_PROBLEMS));
        report.put("data", execution.getVariable(CLOSURE_DATA));
        LetterIssuer.Determination determination = new LetterIssuer.Determination("the closure report", "CLOSURE ACKNOWLEDGED",
                execution.getVariable(CLOSURE_REVIEWER), execution.getVariable(CLOSURE_COMMENTS), null, report);
        Letters.Letter letter = issuer.issue(execution, LetterKind.CLOSURE_ACKNOWLEDGEMENT, determination, " closure");
        execution.setVariable(CLOSURE_LETTER, letter.link());
    }
}
