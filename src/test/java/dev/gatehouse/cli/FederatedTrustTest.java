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
 * Roles that trust an identity provider are reached by its users: sts:AssumeRoleWithWebIdentity for OIDC
 * (GitHub Actions) and Cognito, sts:AssumeRoleWithSAML for SAML (IAM User Guide, "Create a role for OpenID
 * Connect federation" and "… for SAML 2.0 federation"). Each provider is listed as a principal with the
 * conditions its sessions must meet — an unconstrained `sub` is the finding.
 */
class FederatedTrustTest {
    static final String GITHUB = "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com";
    static final String OKTA = "arn:aws:iam::111111111111:saml-provider/Okta";

    @TempDir
    Path dir;

    static String role(String name, String principal, String action, String condition) {
        return "{\"RoleName\":\"" + name + "\",\"Arn\":\"arn:aws:iam::111111111111:role/" + name + "\",\"Path\":\"/\","
                + "\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Federated\":\"" + principal + "\"},\"Action\":\"" + action + "\",\"Condition\":" + condition + "}]},"
                + "\"AttachedManagedPolicies\":[],\"InstanceProfileList\":[],\"RolePolicyList\":[{\"PolicyName\":\"deploy\","
                + "\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::site-bucket/*\"}]}}]}";
    }

    @Test
    void eachIdentityProviderIsListedWithTheConditionsItsSessionsMustMeet() throws Exception {
        Path f = dir.resolve("gaad.json");
        Files.writeString(f, "{\"GroupDetailList\":[],\"Policies\":[],\"UserDetailList\":[],\"RoleDetailList\":["
                + role("GitHubDeploy", GITHUB, "sts:AssumeRoleWithWebIdentity",
                        "{\"StringLike\":{\"token.actions.githubusercontent.com:sub\":\"repo:*\"}}") + ","
                + role("OktaAdmins", OKTA, "sts:AssumeRoleWithSAML", "{\"StringEquals\":{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}")
                + "]}");
        String facts = f.toString();
        JsonNode gh = Json.mapper().readTree(CliTest.run("who-can-assume", "--facts", facts, "--role",
                "arn:aws:iam::111111111111:role/GitHubDeploy", "--format", "json", "--quiet").out());
        JsonNode p = AnyPrincipalTrustTest.find(gh, GITHUB);
        assertTrue(p != null, "GitHub's OIDC provider is listed: " + gh);
        assertEquals("Conditional", p.get("decision").asText());
        assertEquals("if StringLike token.actions.githubusercontent.com:sub [repo:*]",
                p.get("hops").get(0).get("conditions").get(0).asText(), "any repository of any owner: the finding");

        JsonNode okta = Json.mapper().readTree(CliTest.run("who-can-assume", "--facts", facts, "--role",
                "arn:aws:iam::111111111111:role/OktaAdmins", "--format", "json", "--quiet").out());
        JsonNode o = AnyPrincipalTrustTest.find(okta, OKTA);
        assertTrue(o != null && o.toString().contains("if StringEquals SAML:aud [https://signin.aws.amazon.com/saml]"), okta.toString());

        JsonNode writers = Json.mapper().readTree(CliTest.run("who-can", "--facts", facts, "--resource", "arn:aws:s3:::site-bucket/index.html",
                "--resource-account", "111111111111", "--action", "s3:PutObject", "--format", "json", "--quiet").out());
        JsonNode w = AnyPrincipalTrustTest.find(writers, GITHUB);
        assertTrue(w != null, writers.toString());
        assertEquals("identity-provider", w.get("type").asText());
        assertEquals("arn:aws:iam::111111111111:role/GitHubDeploy", w.get("via").get(0).asText());
    }
}
