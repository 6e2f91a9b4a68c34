package dev.gatehouse.collect;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds the SDK's clients of one account: its credentials, one HTTP client for all, the standard retry strategy
 * (backoff with jitter on throttling and transient errors), and the endpoint of an emulator when one is given.
 */
final class Clients {
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final URI endpoint;

    Clients(SdkHttpClient http, AwsCredentialsProvider credentials, URI endpoint) {
        this.http = http;
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    Clients as(AwsCredentialsProvider other) {
        return new Clients(http, other, endpoint);
    }

    <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C build(B builder, String region) {
        builder.credentialsProvider(credentials)
                .region(Region.of(region))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
                .httpClient(http);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    boolean emulated() {
        return endpoint != null;
    }
}
