package dev.gatehouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * what-can counts what a principal reaches through role assumption, as who-can does: a user whose only
 * permission is sts:AssumeRole on a reader role can read what the role reads (IAM User Guide, "Switch to an
 * IAM role": the session has the role's permissions), listed with the path in via and each hop's conditions.
 */
class WhatCanThroughRolesTest {
    @TempDir
    Path dir;

    @Test
    void aUserThatCanAssumeAReaderRoleCanReadWhatTheRoleReads() throws Exception {
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, "{\"GroupDetailList\":[],\"Policies\":[],\"UserDetailList\":[{\"UserName\":\"u\","
                + "\"Arn\":\"arn:aws:iam::111111111111:user/u\",\"Path\":\"/\",\"GroupList\":[],\"AttachedManagedPolicies\":[],"
                + "\"UserPolicyList\":[{\"PolicyName\":\"assume\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRole\",\"Resource\":\"arn:aws:iam::111111111111:role/Reader\"}]}}]}],"
                + "\"RoleDetailList\":[{\"RoleName\":\"Reader\",\"Arn\":\"arn:aws:iam::111111111111:role/Reader\",\"Path\":\"/\","
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::111111111111:user/u\"},\"Action\":\"sts:AssumeRole\",\"Condition\":{\"Bool\":"
                + "{\"aws:MultiFactorAuthPresent\":\"true\"}}}]},\"AttachedManagedPolicies\":[],\"InstanceProfileList\":[],"
                + "\"RolePolicyList\":[{\"PolicyName\":\"read\",\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
                + "[{\"Sid\":\"ReadData\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::data-bucket/*\"}]}}]}]}");
        CliTest.Run r = CliTest.run("what-can", "--facts", f.toString(), "--principal", "arn:aws:iam::111111111111:user/u",
                "--service", "s3", "--format", "json", "--quiet");
        assertEquals(0, r.code(), r.err());
        JsonNode entries = Json.mapper().readTree(r.out());
        JsonNode read = null;
        for (JsonNode e : entries) {
            if (e.get("principal").asText().equals("arn:aws:s3:::data-bucket/*")) {
                read = e;
            }
        }
        assertTrue(read != null, "the user reads the bucket through the role: " + r.out());
        assertEquals("s3 Read", read.get("type").asText());
        assertEquals("arn:aws:iam::111111111111:role/Reader", read.get("via").get(0).asText());
        assertEquals("Conditional", read.get("decision").asText(), "the trust needs MFA");
        assertEquals("assuming arn:aws:iam::111111111111:role/Reader if Bool aws:MultiFactorAuthPresent [true]",
                read.get("conditions").get(0).asText());
        assertTrue(read.get("grants").toString().contains("identity policy read statement 0 (Sid ReadData)"), read.toString());
    }
}
