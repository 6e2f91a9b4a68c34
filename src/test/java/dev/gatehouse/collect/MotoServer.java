package dev.gatehouse.collect;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * moto's server mode ({@code moto_server}, from PyPI's {@code moto[server]}), a real emulator of the AWS APIs on a
 * port of loopback, started for a test class and stopped after it. Without moto_server the tests that need it are
 * skipped with a loud line, unless {@code -Dgatehouse.moto=required} (as in .ci/run): then its absence fails them.
 */
final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static MotoServer start() throws Exception {
        String bin = find();
        if (bin == null) {
            String why = "moto_server is not installed (pip install 'moto[server]'): the collect tests against the AWS API emulator are skipped";
            if ("required".equals(System.getProperty("gatehouse.moto"))) {
                fail(why + ", and -Dgatehouse.moto=required");
            }
            System.err.println("WARNING: " + why);
            Assumptions.abort(why);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("moto", ".log");
        Process p = new ProcessBuilder(bin, "-H", "127.0.0.1", "-p", String.valueOf(port)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        MotoServer m = new MotoServer(p, port, log);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("moto_server stopped at once: " + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) m.endpoint().resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() > 0) {
                    return m;
                }
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        m.close();
        fail("moto_server did not answer on port " + port + " within 30 s: " + Files.readString(log));
        return null;
    }

    private static String find() {
        String given = System.getProperty("gatehouse.moto.bin");
        if (given != null) {
            return given;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "moto_server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Whether moto checks every call against the caller's IAM policies and the role trust policies, as AWS does:
     * off while a test seeds the accounts, on while it collects.
     */
    void authorize(boolean on) throws IOException {
        post("/moto-api/reset-auth", on ? "0" : "1000000000");
    }

    /** Forgets every account, organization and resource. */
    void reset() throws IOException {
        post("/moto-api/reset", "");
    }

    private void post(String path, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint().resolve(path).toURL().openConnection();
        c.setRequestMethod("POST");
        // moto reads the body as it is, which a form's content type would hide from it
        c.setRequestProperty("Content-Type", "text/plain");
        c.setDoOutput(true);
        try (OutputStream o = c.getOutputStream()) {
            o.write(body.getBytes(StandardCharsets.UTF_8));
        }
        if (c.getResponseCode() != 200) {
            throw new IOException(path + ": HTTP " + c.getResponseCode());
        }
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
