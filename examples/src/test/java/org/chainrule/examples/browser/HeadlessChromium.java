package org.chainrule.examples.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol with the JDK's own WebSocket client:
 * load a page, evaluate JavaScript, press keys, resize the viewport, take screenshots. The
 * browser is found as {@code -Dchainrule.chromium=PATH} or {@code chromium},
 * {@code chromium-browser} or {@code google-chrome} on the PATH. If none can be started,
 * {@link #start} throws: the browser tests fail, never skip.
 */
final class HeadlessChromium {
    /** The longest wait for the browser to do something, however slow the machine. */
    private static final long WAIT_SECONDS = 60;
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");
    private static final Pattern ID = Pattern.compile("^\\{\"id\":(\\d+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<String>> pending;

    private HeadlessChromium(Process process, Path profile, WebSocket socket,
            Map<Integer, CompletableFuture<String>> pending) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        this.pending = pending;
    }

    /** Starts a browser on a blank page, or throws saying why none could be started. */
    static HeadlessChromium start() throws Exception {
        String binary = find();
        Path profile = Files.createTempDirectory("chainrule-chromium");
        ProcessBuilder builder = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--window-size=1280,720", "about:blank");
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String browserUrl = awaitListening(process);
        String port = URI.create(browserUrl).getPort() + "";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String list = "";
        for (int attempt = 0; attempt < 50 && !list.contains("\"type\": \"page\""); attempt++) {
            list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Thread.sleep(100);
        }
        Matcher page = Pattern.compile("\"type\": \"page\",[^}]*?\"webSocketDebuggerUrl\": \"(ws://[^\"]+)\"",
                Pattern.DOTALL).matcher(list);
        if (!page.find()) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium started but showed no page target: " + list);
        }
        Map<Integer, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(page.group(1)), new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                frame.append(data);
                if (last) {
                    String message = frame.toString();
                    frame.setLength(0);
                    Matcher id = ID.matcher(message);
                    if (id.find()) {
                        CompletableFuture<String> waiting = pending.remove(Integer.parseInt(id.group(1)));
                        if (waiting != null) {
                            waiting.complete(message);
                        }
                    }
                }
                webSocket.request(1);
                return null;
            }
        }).get(WAIT_SECONDS, TimeUnit.SECONDS);
        // one map: send() registers a reply, the listener completes it
        return new HeadlessChromium(process, profile, socket, pending);
    }

    private static String find() {
        String configured = System.getProperty("chainrule.chromium", "");
        if (!configured.isEmpty()) {
            return configured;
        }
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new IllegalStateException("no browser to test the walkthrough pages in: install Chromium"
                + " (Debian: apt-get install chromium) or name one with -Dchainrule.chromium=PATH");
    }

    private static String awaitListening(Process process) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = err.readLine()) != null) {
            said.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (err.readLine() != null) {
                            // keep the pipe empty so that chromium never blocks on it
                        }
                    } catch (IOException e) {
                        // the browser has gone; nothing left to drain
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not start its DevTools server:\n" + said);
    }

    /** Sends a DevTools command with JSON parameters and returns the raw JSON reply. */
    String send(String method, String params) throws Exception {
        int id = nextId.getAndIncrement();
        CompletableFuture<String> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
                .get(WAIT_SECONDS, TimeUnit.SECONDS);
        String answer = reply.get(WAIT_SECONDS, TimeUnit.SECONDS);
        if (answer.contains("\"error\":")) {
            throw new IllegalStateException(method + " failed: " + answer);
        }
        return answer;
    }

    /** Loads a URL and waits until the document is complete. */
    void load(String url) throws Exception {
        String navigated = send("Page.navigate", "{\"url\":" + quote(url) + "}");
        String state = awaitValue("document.readyState + ' ' + location.href", "complete " + url);
        if (!state.equals("complete " + url)) {
            throw new IllegalStateException("the page did not finish loading in " + WAIT_SECONDS + " s: " + url + " ("
                    + state + "; " + navigated + ")");
        }
    }

    /**
     * Evaluates an expression until it gives the expected value or {@value #WAIT_SECONDS} seconds
     * pass: a wait on what the page shows, never on a fixed time, so that a machine slowed by
     * other work only makes the test slower.
     *
     * @return the last value seen.
     */
    String awaitValue(String expression, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String value = evaluate(expression);
        while (!value.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = evaluate(expression);
        }
        return value;
    }

    /** Evaluates a JavaScript expression and returns its value as a string ({@code String(value)}). */
    String evaluate(String expression) throws Exception {
        String reply = send("Runtime.evaluate", "{\"expression\":" + quote("String(" + expression + ")")
                + ",\"returnByValue\":true}");
        if (reply.contains("\"exceptionDetails\"")) {
            throw new IllegalStateException("JavaScript failed: " + expression + "\n" + reply);
        }
        int at = reply.indexOf("\"value\":\"");
        if (at < 0) {
            throw new IllegalStateException("no value in " + reply);
        }
        return unquote(reply, at + "\"value\":\"".length());
    }

    /** Presses and releases a key, e.g. {@code ArrowRight} (key code 39) or {@code p} (80). */
    void press(String key, int keyCode) throws Exception {
        String text = key.length() == 1 ? ",\"text\":" + quote(key) : "";
        for (String type : new String[] {"keyDown", "keyUp"}) {
            send("Input.dispatchKeyEvent", "{\"type\":\"" + type + "\",\"key\":" + quote(key) + ",\"code\":"
                    + quote(key.length() == 1 ? "Key" + key.toUpperCase() : key) + ",\"windowsVirtualKeyCode\":"
                    + keyCode + (type.equals("keyDown") ? text : "") + "}");
        }
    }

    /** Sets the viewport to CSS pixels, as a phone when narrow. */
    void viewport(int width, int height) throws Exception {
        send("Emulation.setDeviceMetricsOverride", "{\"width\":" + width + ",\"height\":" + height
                + ",\"deviceScaleFactor\":1,\"mobile\":" + (width < 600) + "}");
        // a lesson page redraws its graph a moment after a resize and then records the width it
        // drew for; wait until it has, however long that takes (no page loaded yet: nothing to wait for)
        String drawn = awaitValue("document.body && document.body.dataset.drawnFor !== undefined"
                + " ? document.body.dataset.drawnFor : '" + width + "'", String.valueOf(width));
        if (!drawn.equals(String.valueOf(width))) {
            throw new IllegalStateException("the page did not redraw for a width of " + width + " in "
                    + WAIT_SECONDS + " s (drawn for " + drawn + ")");
        }
    }

    /** Saves a PNG of the viewport. */
    void screenshot(Path file) throws Exception {
        String reply = send("Page.captureScreenshot", "{\"format\":\"png\"}");
        int at = reply.indexOf("\"data\":\"") + 8;
        Files.write(file, Base64.getDecoder().decode(reply.substring(at, reply.indexOf('"', at))));
    }

    /** Closes the browser and removes its profile. */
    void close() throws Exception {
        try {
            send("Browser.close", "{}");
        } catch (Exception e) {
            // the browser may close the socket before it answers
        }
        socket.abort();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    /** The JSON string literal starting at {@code start} (just after its opening quote), unescaped. */
    static String unquote(String json, int start) {
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = json.charAt(++i);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw new IllegalStateException("unterminated string in " + json);
    }
}
