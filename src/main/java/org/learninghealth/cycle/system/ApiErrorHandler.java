package org.learninghealth.cycle.system;

import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.learninghealth.cycle.measurement.MeasurementDataException;
import org.learninghealth.cycle.measurement.MeasurementTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Errors of {@code /api} as {@code {"status":..,"error":..,"message":..}}; never a stack trace. */
@RestControllerAdvice(basePackages = "org.learninghealth.cycle")
public class ApiErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return body(e.status(), e.getMessage());
    }

    @ExceptionHandler(MeasurementDataException.class)
    ResponseEntity<Map<String, Object>> measurements(MeasurementDataException e) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(body(HttpStatus.BAD_REQUEST, e.getMessage()).getBody());
        body.put("problems", e.problems());
        body.put("problemCount", e.total());
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(MeasurementTooLargeException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MeasurementTooLargeException e) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(AuthorizationException.class)
    ResponseEntity<Map<String, Object>> authorization(AuthorizationException e) {
        return body(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException e) {
        String message = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return body(HttpStatus.BAD_REQUEST, message);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid value for " + e.getName() + ".");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            // Spring MVC's own refusals: wrong media type, method, missing parameter, ...
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            String detail = known.getBody().getDetail();
            return body(status, detail == null ? status.getReasonPhrase() : detail);
        }
        LOG.error("Unexpected error in /api", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error; the administrator finds the details in the server log.");
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("status", status.value(), "error", status.getReasonPhrase(), "message", message));
    }
}
