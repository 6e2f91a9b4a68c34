package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse collect}'s own errors, said in one line before any call to AWS (its calls: CollectTest, against moto). */
class CollectCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpNamesEveryOption() {
        CliTest.Run r = CliTest.run("collect", "--help");
        assertEquals(0, r.code());
        for (String o : new String[] {"--out", "--profile", "--region", "--role-name", "--accounts", "--services", "--endpoint-url", "--refresh"}) {
            assertTrue(r.out().contains(o), o + " in " + r.out());
        }
        assertTrue(CliTest.run("--help").out().contains("collect"), "listed among the commands");
    }

    @Test
    void anUnknownServiceOrAccountIsRefusedWithWhatIsExpected() {
        CliTest.Run r = CliTest.run("collect", "--out", dir.resolve("f").toString(), "--services", "iam,ec2");
        assertEquals(1, r.code());
        assertEquals("gatehouse: --services: unknown service `ec2`; expected some of iam, s3, kms, sqs, sns, secretsmanager, lambda, ecr [GH112]",
                r.err().strip());
        r = CliTest.run("collect", "--out", dir.resolve("f").toString(), "--accounts", "1111");
        assertEquals(1, r.code());
        assertEquals("gatehouse: --accounts: expected 12-digit account ids, found `1111` [GH112]", r.err().strip());
    }

    @Test
    void noReachableAwsIsOneLineAndNothingIsWritten() {
        Path out = dir.resolve("f");
        CliTest.Run r = CliTest.run("collect", "--out", out.toString(), "--endpoint-url", "http://127.0.0.1:9", "--quiet");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("gatehouse: cannot call AWS with these credentials: sts:GetCallerIdentity"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(out.resolve("accounts")), "nothing collected, nothing written");
    }

    @Test
    void anOutputFolderOfHandBuiltFactsIsNotOverwritten() throws Exception {
        Path out = dir.resolve("f");
        Files.createDirectories(out.resolve("accounts/111111111111"));
        Files.writeString(out.resolve("accounts/111111111111/iam.json"), "{}");
        CliTest.Run r = CliTest.run("collect", "--out", out.toString(), "--endpoint-url", "http://127.0.0.1:9", "--accounts", "111111111111");
        // refused before any call (the accounts are named; else once the organization is read)
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("gatehouse: --out: " + out.resolve("accounts/111111111111") + " holds facts that collect did not "
                + "write (no collected.json); give another --out, or --refresh to replace them"), r.err());
        assertEquals("{}", Files.readString(out.resolve("accounts/111111111111/iam.json")));
    }
}
