package dev.gatehouse.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.InputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input files compressed with gzip (the benchmark ships as decisions-10k.json.gz) read as the text they hold. */
class TextFileTest {
    @Test
    void aGzipFileReadsAsTheTextItHolds(@TempDir Path dir) throws Exception {
        String text = "{\"cases\": [\"é\"]}";
        Path gz = dir.resolve("cases.json.gz");
        Files.write(gz, gzip(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(text, TextFile.read(gz));
    }

    @Test
    void aDamagedGzipFileIsOneLineThatSaysSo(@TempDir Path dir) throws Exception {
        byte[] whole = gzip("{\"cases\": []}".repeat(50).getBytes(StandardCharsets.UTF_8));
        Path gz = dir.resolve("cut.json.gz");
        Files.write(gz, Arrays.copyOf(whole, whole.length / 2));
        InputException e = assertThrows(InputException.class, () -> TextFile.read(gz));
        assertEquals(1, e.problems().size());
        String line = e.problems().get(0).toString();
        assertTrue(line.contains("cut.json.gz") && line.contains("damaged gzip file") && line.contains("gunzip"), line);
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }
}
