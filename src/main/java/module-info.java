/**
 * Gatehouse, an AWS IAM access reasoner on the Drools rules engine. The one exported package,
 * {@code dev.gatehouse.api}, is the library: {@link dev.gatehouse.api.Gatehouse} decides requests and
 * loads organizations into {@link dev.gatehouse.api.OrgSnapshot}s that answer who-can, what-can, role
 * assumption and privilege escalation. Everything else is internal.
 */
module dev.gatehouse {
    exports dev.gatehouse.api;

    // the rule base reads the fact records and calls the matching primitives by reflection (MVEL) and from
    // the consequences it compiles: open to it, exported to no one
    opens dev.gatehouse.facts;
    opens dev.gatehouse.engine;
    opens dev.gatehouse.policy;
    // picocli sets the command line's options by reflection
    opens dev.gatehouse.cli to info.picocli;
    opens dev.gatehouse.tools to info.picocli;

    requires org.kie.api;
    requires org.drools.core;
    requires org.drools.canonicalmodel;
    requires org.drools.modelcompiler;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires info.picocli;
    requires inet.ipaddr;
    requires org.jgrapht.core;
    requires com.github.benmanes.caffeine;
    requires org.apache.commons.text;
    requires jmh.core;
    requires java.management;
    // gatehouse collect: the AWS SDK for Java v2
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.services.sts;
    requires software.amazon.awssdk.services.iam;
    requires software.amazon.awssdk.services.organizations;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.services.kms;
    requires software.amazon.awssdk.services.sqs;
    requires software.amazon.awssdk.services.sns;
    requires software.amazon.awssdk.services.secretsmanager;
    requires software.amazon.awssdk.services.lambda;
    requires software.amazon.awssdk.services.ecr;
}
