package dev.gatehouse.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.org.Facts;
import dev.gatehouse.org.Principal;
import dev.gatehouse.api.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsLoaderTest {
    @TempDir
    Path dir;

    @Test
    void badFilesAreSkippedAndNamedAndTheRestLoads() throws Exception {
        Path a = dir.resolve("accounts/111111111111");
        Files.createDirectories(a.resolve("s3"));
        Files.writeString(a.resolve("iam.json"), """
                {"UserDetailList":[{"UserName":"u","Arn":"arn:aws:iam::111111111111:user/u","GroupList":["ghost"],
                   "AttachedManagedPolicies":[{"PolicyName":"Gone","PolicyArn":"arn:aws:iam::111111111111:policy/Gone"}],
                   "UserPolicyList":[{"PolicyName":"ok","PolicyDocument":"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3A*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D"},
                                     {"PolicyName":"bad","PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"a":"b"}}}]}}]}],
                 "RoleDetailList":[{"RoleName":"r","Path":"/team/","Arn":"arn:aws:iam::111111111111:role/team/r","CreateDate":"2023-03-09 10:41:45+00:00",
                   "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]},
                   "RolePolicyList":[],"AttachedManagedPolicies":[],
                   "PermissionsBoundary":{"PermissionsBoundaryType":"Policy","PermissionsBoundaryArn":"arn:aws:iam::111111111111:policy/Nowhere"}}],
                 "GroupDetailList":[],"Policies":[]}
                """);
        Files.writeString(a.resolve("s3/broken.json"), "{\"Policy\": ");
        Files.writeString(a.resolve("s3/good.json"), "{\"Policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Principal\\\":\\\"*\\\",\\\"Action\\\":\\\"s3:GetObject\\\",\\\"Resource\\\":\\\"arn:aws:s3:::good/*\\\"}]}\"}");
        Facts f = FactsLoader.load(dir);
        List<String> ps = f.problems().stream().map(Problem::toString).toList();
        String iam = a.resolve("iam.json").toString();
        assertTrue(ps.contains(iam + ": /UserDetailList/0/GroupList/0: group `ghost` is not in GroupDetailList: its policies are unknown"), ps.toString());
        assertTrue(ps.contains(iam + ": /UserDetailList/0/AttachedManagedPolicies/0/PolicyArn: managed policy "
                + "`arn:aws:iam::111111111111:policy/Gone` is not in Policies: its permissions are unknown"), ps.toString());
        assertTrue(ps.contains(iam + ": /UserDetailList/0/UserPolicyList/1/PolicyDocument/Statement/0/Condition: unknown operator `StringEqualz`"), ps.toString());
        assertTrue(ps.contains(iam + ": /RoleDetailList/0/PermissionsBoundary/PermissionsBoundaryArn: permissions boundary "
                + "`arn:aws:iam::111111111111:policy/Nowhere` is not in Policies: the principal's boundary is unknown"), ps.toString());
        assertTrue(ps.stream().anyMatch(p -> p.startsWith(a.resolve("s3/broken.json") + ": invalid JSON")), ps.toString());
        assertTrue(f.summary().startsWith("2 files loaded, 1 skipped: " + a.resolve("s3/broken.json")), f.summary());
        Principal u = f.principals().get("arn:aws:iam::111111111111:user/u");
        assertNotNull(u);
        assertEquals(1, u.policies().stream().filter(p -> !p.name().endsWith("(could not be read)")).count(),
                "the URL-encoded inline policy loads; the broken one is reported");
        assertEquals(java.util.List.of("identity policy bad (could not be read)", "managed policy arn:aws:iam::111111111111:policy/Gone (could not be read)"),
                u.policies().stream().map(dev.gatehouse.policy.Policy::name).filter(n -> n.endsWith("(could not be read)")).sorted().toList(),
                "what could not be read stands as a possible Allow and a possible Deny, never as nothing");
        assertNotNull(f.principals().get("arn:aws:iam::111111111111:role/team/r"), "pathed roles load");
        assertNotNull(f.resources().get("arn:aws:s3:::good"));
    }

    @Test
    void theRealExportsLoad() {
        for (String gaad : List.of("iam-vulnerable-2023.json", "cloudsplaining-example.json", "cloudmapper-demo.json")) {
            Facts f = FactsLoader.load(dev.gatehouse.SharedData.path("data/gaad/" + gaad));
            assertTrue(f.principals().size() > 3, gaad + ": " + f.summary());
            assertEquals(List.of(), f.skipped());
        }
        Facts v = FactsLoader.load(dev.gatehouse.SharedData.path("data/gaad/iam-vulnerable-2023.json"));
        assertEquals(41 + 75, v.principals().size(), v.summary());
    }
}
