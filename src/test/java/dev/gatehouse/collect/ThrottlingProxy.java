package dev.gatehouse.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the emulator cannot do: throttle. A proxy on loopback that answers the first {@code times} calls of one
 * operation of a query-protocol API (IAM) with AWS's {@code Throttling} error, as AWS does under load, and passes
 * every other call to moto unchanged (moto's signature check is off while it is used). One request per connection.
 */
final class ThrottlingProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "keep-alive");
    private final ServerSocket server;
    private final URI target;
    private final String action;
    private final int times;
    final AtomicInteger throttled = new AtomicInteger();
    final AtomicInteger passed = new AtomicInteger();

    ThrottlingProxy(URI target, String action, int times) throws IOException {
        this.target = target;
        this.action = action;
        this.times = times;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "throttling-proxy");
        t.setDaemon(true);
        t.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                handle(s.getInputStream(), s.getOutputStream());
            } catch (IOException e) {
                // the server was closed, or the client went away
            }
        }
    }

    private void handle(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return;
        }
        String[] lines = head.split("\r\n");
        String[] request = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-length"))
                .map(Map.Entry::getValue).findFirst().orElse("0"));
        byte[] body = in.readNBytes(length);
        String text = new String(body, StandardCharsets.UTF_8);
        boolean asked = text.contains("Action=" + action + "&") || text.endsWith("Action=" + action);
        if (asked && throttled.get() < times) {
            throttled.incrementAndGet();
            respond(out, 400, Map.of("Content-Type", List.of("text/xml")), ("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">"
                    + "<Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                    + "<RequestId>throttled</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (asked) {
            passed.incrementAndGet();
        }
        HttpURLConnection c = (HttpURLConnection) target.resolve(request[1]).toURL().openConnection();
        c.setRequestMethod(request[0]);
        headers.forEach((k, v) -> {
            if (!HOP.contains(k.toLowerCase(Locale.ROOT))) {
                c.addRequestProperty(k, v);
            }
        });
        if (body.length > 0) {
            c.setDoOutput(true);
            try (OutputStream o = c.getOutputStream()) {
                o.write(body);
            }
        }
        int code = c.getResponseCode();
        byte[] answer;
        try (InputStream a = code >= 400 ? c.getErrorStream() : c.getInputStream()) {
            answer = a == null ? new byte[0] : a.readAllBytes();
        }
        respond(out, code, c.getHeaderFields(), answer);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int x;
        while ((x = in.read()) >= 0) {
            b.write(x);
            state = (x == '\r' && (state == 0 || state == 2)) ? state + 1 : (x == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void respond(OutputStream out, int code, Map<String, List<String>> headers, byte[] body) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 " + code + " " + (code < 400 ? "OK" : "Error") + "\r\n");
        headers.forEach((k, vs) -> {
            if (k != null && !HOP.contains(k.toLowerCase(Locale.ROOT))) {
                vs.forEach(v -> sb.append(k).append(": ").append(v).append("\r\n"));
            }
        });
        sb.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
