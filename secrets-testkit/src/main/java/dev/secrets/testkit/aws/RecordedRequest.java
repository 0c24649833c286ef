package dev.secrets.testkit.aws;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the local server received, with its outcome. Holds no request or reply body.
 *
 * @param service {@code secretsmanager} or {@code sts}
 * @param action the action, such as {@code GetSecretValue} or {@code AssumeRole}; empty when the
 *     request named none
 * @param accessKeyId the access key id from the {@code Authorization} header; empty when the
 *     request was not signed
 * @param status the HTTP status of the reply
 * @param errorCode the AWS error code of the reply, such as {@code ThrottlingException}; empty on
 *     success
 * @param receivedAt when the request arrived, by the server's clock (which includes any simulated
 *     skew)
 */
public record RecordedRequest(String service, String action, Optional<String> accessKeyId, int status,
        Optional<String> errorCode, Instant receivedAt) {

    public RecordedRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Returns whether the reply had a 2xx status. */
    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
