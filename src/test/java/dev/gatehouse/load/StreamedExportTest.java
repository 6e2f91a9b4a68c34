package dev.gatehouse.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.Problem;
import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export larger than FactsLoader.STREAM_ABOVE (16 MB) is streamed list by list, one object's tree at a time
 * (issue "Nothing lost, nothing explodes", item 4: a 450 MB file exhausted a 2 GB heap as one tree; a 103 MB export
 * made of iam-vulnerable's principals peaks at 406 MB of live heap streamed, 694 MB as a tree). It must load what a
 * tree does: every principal, the managed policies that come last in AWS's output resolved for the users before
 * them, and each problem at its JSON pointer.
 */
class StreamedExportTest {
    @TempDir
    Path dir;

    @Test
    void aLargeExportLoadsWhollyWithItsProblemsWhereTheyAre() throws Exception {
        int users = 60_000;
        StringBuilder sb = new StringBuilder(20_000_000).append("{\"UserDetailList\": [");
        for (int i = 0; i < users; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (i == 43_210) {
                sb.append("\"not a user\"");
                continue;
            }
            sb.append("{\"UserName\": \"u").append(i).append("\", \"Arn\": \"arn:aws:iam::111111111111:user/team/u").append(i)
                    .append("\", \"Path\": \"/team/\", \"GroupList\": [\"readers\"], \"UserPolicyList\": [], \"AttachedManagedPolicies\": "
                    + "[{\"PolicyName\": \"Read\", \"PolicyArn\": \"arn:aws:iam::111111111111:policy/Read\"}], \"Tags\": [{\"Key\": \"team\", "
                    + "\"Value\": \"t").append(i % 100).append("\"}]}");
        }
        sb.append("], \"GroupDetailList\": [{\"GroupName\": \"readers\", \"Arn\": \"arn:aws:iam::111111111111:group/readers\", "
                + "\"GroupPolicyList\": [], \"AttachedManagedPolicies\": [{\"PolicyName\": \"Read\", \"PolicyArn\": "
                + "\"arn:aws:iam::111111111111:policy/Read\"}]}], \"RoleDetailList\": [], \"Policies\": [{\"PolicyName\": \"Read\", "
                + "\"Arn\": \"arn:aws:iam::111111111111:policy/Read\", \"DefaultVersionId\": \"v1\", \"PolicyVersionList\": [{\"VersionId\": "
                + "\"v1\", \"IsDefaultVersion\": true, \"Document\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", "
                + "\"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]}}]}]}");
        assertTrue(sb.length() > FactsLoader.STREAM_ABOVE, "large enough to be streamed: " + sb.length());
        Path acct = Files.createDirectories(dir.resolve("accounts/111111111111"));
        Files.writeString(acct.resolve("iam.json"), sb);
        Facts f = FactsLoader.load(dir);
        List<String> problems = f.problems().stream().map(Problem::toString).toList();
        // what a tree gives too: the element that is not an object, and then its missing ARN
        assertEquals(List.of(acct.resolve("iam.json") + ": /UserDetailList/43210: expected an object, found the string `not a user`",
                acct.resolve("iam.json") + ": /UserDetailList/43210/Arn: expected a string, found nothing"), problems);
        assertEquals(users - 1, f.principals().size(), "every user but the one that is not an object");
        Principal last = f.principals().get("arn:aws:iam::111111111111:user/team/u59999");
        assertEquals(List.of("readers"), last.groups());
        assertTrue(last.policies().stream().anyMatch(p -> p.name().equals("Read") && !p.statements().isEmpty()),
                "the managed policy, last in the file, is resolved for the users before it: " + last.policies());
        assertEquals("t99", last.tags().get("team"));
        assertEquals(List.of(acct.resolve("iam.json").toString()), f.loaded());
    }
}
