package dev.gatehouse.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.api.Problem;
import dev.gatehouse.org.Facts;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not what they seem: a named pipe (which would block reading forever), a link to a device
 * (which never ends), a link out of the facts folder (whose first token an error would echo), a file larger
 * than the heap can parse. Each is skipped with one line saying why, and the rest still loads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostileFilesTest {
    @TempDir
    Path dir;

    private Path account(String id) throws Exception {
        BadInputCorpusTest.base(dir);
        return dir.resolve("accounts/" + id);
    }

    private static String line(Facts f, String file) {
        return f.problems().stream().filter(p -> p.source().endsWith(file)).map(Problem::toString).findFirst()
                .orElse("no problem for " + file + " in " + f.problems());
    }

    private static void stillLoads(Facts f) {
        assertTrue(f.principals().containsKey(BadInputCorpusTest.ALICE), "the other files still load");
    }

    @Test
    void aNamedPipeIsSkippedNotWaitedFor() throws Exception {
        Path acct = account("222222222222");
        Files.delete(acct.resolve("iam.json"));
        Process mk = new ProcessBuilder("mkfifo", acct.resolve("iam.json").toString()).start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is not available");
        Facts f = FactsLoader.load(dir);
        assertTrue(line(f, "222222222222/iam.json").contains("not a regular file (a named pipe, a device or a socket)"), line(f, "iam.json"));
        assertTrue(f.incomplete().containsKey("222222222222"), "the account whose export could not be read is incomplete");
        stillLoads(f);
    }

    @Test
    void aLinkToADeviceIsSkipped() throws Exception {
        Path acct = account("222222222222");
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        Files.delete(acct.resolve("iam.json"));
        Files.createSymbolicLink(acct.resolve("iam.json"), zero);
        Facts f = FactsLoader.load(dir);
        // the link leaves the folder, which is said first
        assertTrue(line(f, "222222222222/iam.json").contains("outside the facts folder"), line(f, "iam.json"));
        stillLoads(f);
    }

    @Test
    void aDeviceReachedInsideTheFolderIsNotReadEither() throws Exception {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        Path gaad = dir.resolve("export.json");
        Files.createSymbolicLink(gaad, zero);
        // one file given as the facts: no folder to stay inside, the file itself is refused
        Facts f = FactsLoader.load(gaad);
        assertTrue(line(f, "export.json").contains("not a regular file"), f.problems().toString());
    }

    @Test
    void aLinkOutOfTheFactsFolderIsNotFollowedAndNothingOfItsTargetIsShown(@TempDir Path elsewhere) throws Exception {
        Path acct = account("111111111111");
        Path secret = elsewhere.resolve("secret.txt");
        Files.writeString(secret, "root:x:0:0:hunter2");
        Files.createSymbolicLink(acct.resolve("s3/leak.json"), secret);
        Facts f = FactsLoader.load(dir);
        String l = line(f, "s3/leak.json");
        assertTrue(l.contains("a link to " + secret.toRealPath() + ", outside the facts folder"), l);
        assertFalse(f.problems().toString().contains("hunter2") || f.problems().toString().contains("root:x"), f.problems().toString());
        assertTrue(f.incomplete().containsKey("arn:aws:s3:::leak"), "the bucket whose policy was not read is incomplete, not dropped");
        stillLoads(f);
    }

    @Test
    void aFileLargerThanTheHeapCanParseIsRefusedBeforeItIsRead() throws Exception {
        Path acct = account("222222222222");
        // sparse: as large as said, no disk used, never read
        try (RandomAccessFile raf = new RandomAccessFile(acct.resolve("iam.json").toFile(), "rw")) {
            raf.setLength(dev.gatehouse.policy.TextFile.MAX_BYTES + 1);
        }
        long t0 = System.nanoTime();
        Facts f = FactsLoader.load(dir);
        assertTrue((System.nanoTime() - t0) / 1e9 < 10, "refused before reading");
        String l = line(f, "222222222222/iam.json");
        assertTrue(l.contains("cannot read: " + (dev.gatehouse.policy.TextFile.MAX_BYTES + 1) + " bytes, more than the "
                + dev.gatehouse.policy.TextFile.limit() + " bytes"), l);
        stillLoads(f);
        assertEquals(List.of(), f.principals().keySet().stream().filter(a -> a.contains("222222222222")).toList());
    }
}
