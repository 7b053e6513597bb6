package org.learninghealth.cycle.nodes;

import static org.learninghealth.cycle.CycleTestSupport.variables;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Works a node's REST API as the demo users (password = user id), the way Tasklist does. */
public final class NodeClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("/[0-9a-f]{8}-[0-9a-f-]{27}|/LC-\\d{4}-\\d+");

    /** Told of every request: its kind (method and path without ids or query), status (0: no answer) and nanoseconds. */
    public interface Recorder {
        void record(String kind, int status, long nanos);
    }

    private final String baseUrl;
    private final Recorder recorder;

    NodeClient(String baseUrl) {
        this(baseUrl, (kind, status, nanos) -> { });
    }

    private NodeClient(String baseUrl, Recorder recorder) {
        this.baseUrl = baseUrl;
        this.recorder = recorder;
    }

    /** The same node, every request told to the recorder. */
    public NodeClient recordingTo(Recorder to) {
        return new NodeClient(baseUrl, to);
    }

    public record Reply(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public Reply get(String user, String path) {
        return send(user, HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply post(String user, String path, Object body) {
        try {
            return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart form (the deployment API): each part a small text or file. */
    public Reply postMultipart(String user, String path, Map<String, String> fields, String fileName, String fileContent) {
        String boundary = "lc" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name)
                .append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"data\"; filename=\"").append(fileName)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n").append(fileContent).append("\r\n--").append(boundary).append("--\r\n");
        return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Starts a learning cycle as the lead; @return its project key */
    public String start(String lead, Map<String, Object> challenge) {
        Reply started = expectOk(post(lead, "/engine-rest/process-definition/key/learning-cycle/submit-form", variables(challenge)), "start");
        return started.body().get("businessKey").asText();
    }

    /** The user's open tasks of the project with this task definition key. */
    public List<String> taskIds(String user, String projectKey, String taskKey) {
        JsonNode tasks = expectOk(get(user, "/engine-rest/task?maxResults=100&processInstanceBusinessKey=" + encode(projectKey) + "&taskDefinitionKey=" + taskKey),
                "task query").body();
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    /** Claims and submits a task's form; @return the reply of the submission */
    public Reply submit(String user, String taskId, Map<String, Object> values) {
        post(user, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
        return post(user, "/engine-rest/task/" + taskId + "/submit-form", variables(values));
    }

    public static Reply expectOk(Reply reply, String what) {
        if (!reply.ok()) {
            throw new AssertionError(what + " failed with " + reply.status() + ": " + reply.body());
        }
        return reply;
    }

    private Reply send(String user, HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest built = request.build();
        String kind = built.method() + " " + ID.matcher(built.uri().getPath()).replaceAll("/{id}");
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
            recorder.record(kind, response.statusCode(), System.nanoTime() - start);
            String body = response.body();
            JsonNode json = body == null || body.isBlank() ? JSON.nullNode() : parse(body);
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            recorder.record(kind, 0, System.nanoTime() - start);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
